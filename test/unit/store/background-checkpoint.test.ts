import { statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkpointInBackground } from '../../../main/store/background-checkpoint';
import { openStore } from '../../../main/store/open-store';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();

async function until(check: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A store whose checkpoints run in the background (the worker is up: this connection's are off). */
async function inBackground() {
  const store = openStore(tempDir());
  const { db } = store;
  const automatic = db.pragma<number>('wal_autocheckpoint');
  const background = checkpointInBackground(db, { intervalMs: 20 });
  await until(() => db.pragma<number>('wal_autocheckpoint') === 0);
  return { store, db, automatic, background };
}

describe('checkpointInBackground', () => {
  it('checkpoints the WAL on another thread while this connection writes without checkpointing', async () => {
    const { store, db, automatic, background } = await inBackground();
    db.transaction((tx) => {
      for (let i = 0; i < 200; i++) {
        tx.run('INSERT INTO raw_messages (hash, size, bytes) VALUES (?, 4000, ?)', [
          i.toString(16).padStart(64, '0'),
          Buffer.alloc(4000, i),
        ]);
      }
    });
    // The pages reach the database file itself (not only the WAL) without this thread checkpointing.
    const before = statSync(db.path).size;
    expect(before).toBeLessThan(800_000);
    await until(() => statSync(db.path).size > 800_000);
    await background.stop();
    expect(db.pragma<number>('wal_autocheckpoint')).toBe(automatic);
    store.close();
  });

  it('is shared by overlapping passes: automatic checkpoints come back only after the last one', async () => {
    const { store, db, automatic, background: first } = await inBackground();
    const second = checkpointInBackground(db, { intervalMs: 20 });
    await first.stop();
    await first.stop();
    expect(db.pragma<number>('wal_autocheckpoint')).toBe(0);
    await second.stop();
    expect(db.pragma<number>('wal_autocheckpoint')).toBe(automatic);
    store.close();
  });
});
