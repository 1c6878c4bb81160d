import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recordRefusal } from '../../../main/drafts/server-refusals';
import { openSqlite } from '../../../main/store/driver';
import { MIGRATIONS } from '../../../main/store/migrations';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();

describe('migration 0013: why the server refused a draft copy', () => {
  it('keeps existing drafts unrefused, and counts refusals of one version in a row', () => {
    const db = openSqlite(join(tempDir(), 'm.sqlite'));
    for (const step of MIGRATIONS.filter((m) => m.version <= 12)) db.transaction((tx) => step.up(tx));
    db.run(`INSERT INTO drafts (id, draft_json, created_at, updated_at) VALUES ('d1', '{}', 'x', 'x')`);
    db.transaction((tx) => MIGRATIONS.find((m) => m.version === 13)?.up(tx));
    const row = () =>
      db.get<{ server_error: string | null; server_error_version: number | null; server_error_count: number }>(
        'SELECT server_error, server_error_version, server_error_count FROM drafts',
      );
    expect(row()).toEqual({ server_error: null, server_error_version: null, server_error_count: 0 });

    recordRefusal(db, 'd1', 1, 'Quota exceeded', new Date('2026-11-30T12:00:00Z'));
    recordRefusal(db, 'd1', 1, 'Quota exceeded again', new Date('2026-11-30T12:05:00Z'));
    expect(row()).toEqual({ server_error: 'Quota exceeded again', server_error_version: 1, server_error_count: 2 });
    // A new version refused starts counting again.
    recordRefusal(db, 'd1', 2, 'Too large', new Date('2026-11-30T12:06:00Z'));
    expect(row()).toEqual({ server_error: 'Too large', server_error_version: 2, server_error_count: 1 });
    expect(() => db.run('UPDATE drafts SET server_error_count = -1')).toThrow(/CHECK/);
    db.close();
  });
});
