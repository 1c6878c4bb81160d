import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openNodeApp } from '../../main/platform/node/open-node-app';
import { LATEST_SCHEMA_VERSION } from '../../main/store/migrations';
import { useTempDirs } from '../support/temp-dir';

const tempDir = useTempDirs();
const writer = fileURLToPath(new URL('../support/store-writer.ts', import.meta.url));

function runWriter(profile: string, name: string, count: number): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', writer, profile, name, String(count)], {
      stdio: 'inherit',
    });
    child.on('error', reject);
    child.on('exit', resolve);
  });
}

describe('one profile opened by several processes at once (the CLI while the app runs)', () => {
  it('migrates once and keeps every write, with an intact database', async () => {
    const profile = tempDir();
    const writers = ['app', 'cli-1', 'cli-2', 'cli-3'];
    const codes = await Promise.all(writers.map((name) => runWriter(profile, name, 200)));
    expect(codes).toEqual(writers.map(() => 0));

    const app = await openNodeApp({ profileDir: profile, shell: 'cli', env: { LETTERBOX_SECRETS: 'vault' } });
    const db = app.ctx.store.db;
    expect(app.ctx.store.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    expect(db.pragma<string>('integrity_check')).toBe('ok');
    expect(db.get('SELECT COUNT(*) AS n FROM messages')).toEqual({ n: writers.length * 200 });
    await app.close();
  }, 60_000);
});
