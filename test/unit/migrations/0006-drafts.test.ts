import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSqlite } from '../../../main/store/driver';
import { MIGRATIONS } from '../../../main/store/migrations';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();

function migratedTo(version: number) {
  const db = openSqlite(join(tempDir(), 'm.sqlite'));
  db.pragma('foreign_keys = ON');
  for (const step of MIGRATIONS.filter((m) => m.version <= version)) db.transaction((tx) => step.up(tx));
  return db;
}

describe('migration 0006: drafts with attachments', () => {
  it('stores attachment bytes with the draft and deletes them with it', () => {
    const db = migratedTo(6);
    db.run(`INSERT INTO drafts (id, draft_json, created_at, updated_at) VALUES ('d1', '{"format":"plain"}', 't', 't')`);
    db.run(
      `INSERT INTO draft_attachments (id, draft_id, position, filename, content_type, size, bytes, created_at)
       VALUES ('a1', 'd1', 1, 'x.bin', 'application/octet-stream', 3, ?, 't')`,
      [Buffer.from([0, 1, 2])],
    );
    expect(db.get('SELECT version, server_uid FROM drafts')).toEqual({ version: 1, server_uid: null });
    expect(db.get('SELECT bytes FROM draft_attachments')).toEqual({ bytes: Buffer.from([0, 1, 2]) });
    expect(() =>
      db.run(
        `INSERT INTO draft_attachments (id, draft_id, position, filename, content_type, size, bytes, created_at)
         VALUES ('a2', 'missing', 1, 'x', 'y/z', 0, x'', 't')`,
      ),
    ).toThrow(/FOREIGN KEY/);
    db.run("DELETE FROM drafts WHERE id = 'd1'");
    expect(db.get('SELECT COUNT(*) AS n FROM draft_attachments')).toEqual({ n: 0 });
    db.close();
  });

  it('turns drafts that undo-send wrote before it (outbox DraftContent) into draft fields and attachment rows', () => {
    const db = migratedTo(5);
    const content = {
      accountId: 'acc-1',
      identityId: 'id-1',
      to: [{ name: 'Doe, Jane', address: 'jane@example.test' }],
      cc: [],
      bcc: [{ name: '', address: 'hidden@example.test' }],
      subject: 'Undone',
      text: 'Body',
      html: null,
      attachments: [
        { filename: 'a.txt', contentType: 'text/plain', contentBase64: Buffer.from('hi').toString('base64') },
      ],
      inReplyTo: null,
      references: [],
    };
    db.run(
      `INSERT INTO drafts (id, account_id, identity_id, draft_json, created_at, updated_at)
       VALUES ('old', 'acc-1', 'id-1', ?, '2026-01-01', '2026-01-02')`,
      [JSON.stringify(content)],
    );
    const step = MIGRATIONS.find((m) => m.version === 6);
    db.transaction((tx) => step?.up(tx));
    const fields = JSON.parse(db.get<{ draft_json: string }>('SELECT draft_json FROM drafts')?.draft_json ?? '{}');
    expect(fields).toMatchObject({
      to: '"Doe, Jane" <jane@example.test>',
      bcc: 'hidden@example.test',
      subject: 'Undone',
      format: 'plain',
      text: 'Body',
    });
    expect(fields).not.toHaveProperty('attachments');
    expect(db.get('SELECT draft_id, filename, size, bytes FROM draft_attachments')).toEqual({
      draft_id: 'old',
      filename: 'a.txt',
      size: 2,
      bytes: Buffer.from('hi'),
    });
    db.close();
  });
});
