import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSqlite } from '../../../main/store/driver';
import { MIGRATIONS } from '../../../main/store/migrations';
import { readSmtpSizeLimit, recordSmtpSizeLimit } from '../../../main/store/smtp-size-limits';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();

describe('migration 0010: the SIZE each SMTP server advertised', () => {
  it('keeps one row per host and port, the latest EHLO winning, host names without case', () => {
    const db = openSqlite(join(tempDir(), 'm.sqlite'));
    for (const step of MIGRATIONS.filter((m) => m.version <= 10)) db.transaction((tx) => step.up(tx));
    const server = { host: 'Mail.Example.com', port: 587 };
    expect(readSmtpSizeLimit(db, server)).toBeNull();
    recordSmtpSizeLimit(db, server, 10_485_760, new Date('2026-11-01T00:00:00Z'));
    recordSmtpSizeLimit(db, { host: 'mail.example.com', port: 587 }, 26_214_400, new Date('2026-11-30T00:00:00Z'));
    recordSmtpSizeLimit(db, { host: 'mail.example.com', port: 465 }, null, new Date('2026-11-30T00:00:00Z'));
    expect(readSmtpSizeLimit(db, server)).toEqual({ limit: 26_214_400, seenAt: '2026-11-30T00:00:00.000Z' });
    expect(readSmtpSizeLimit(db, { host: 'mail.example.com', port: 465 })).toEqual({
      limit: null,
      seenAt: '2026-11-30T00:00:00.000Z',
    });
    expect(() => db.run('UPDATE smtp_size_limits SET size_limit = 0 WHERE port = 587')).toThrow(/CHECK/);
    db.close();
  });
});
