import { chown, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DovecotInfo, TestUser } from '../../support/mail-servers';
import { rawMessage } from './fixture';

/**
 * Fills a user's INBOX with `count` messages by writing Maildir files before Dovecot ever opened
 * the mailbox (a fresh user): thousands in well under a second, where `doveadm save` per message
 * would take a minute. Dovecot assigns UIDs when it first scans the folder.
 */
export async function seedMaildir(info: DovecotInfo, user: TestUser, count: number): Promise<void> {
  const maildir = join(info.homeRoot, user.name, 'Maildir');
  for (const sub of ['', 'cur', 'new', 'tmp']) {
    await mkdir(join(maildir, sub), { recursive: true });
    await chown(join(maildir, sub), info.mailUid, info.mailGid);
  }
  const stamp = Math.floor(Date.now() / 1000);
  const writes: Promise<void>[] = [];
  for (let n = 1; n <= count; n++) {
    const file = join(maildir, 'cur', `${stamp}.M${n}P1.seed:2,${n % 3 === 0 ? 'S' : ''}`);
    writes.push(writeFile(file, rawMessage(n)).then(() => chown(file, info.mailUid, info.mailGid)));
    if (writes.length >= 200) await Promise.all(writes.splice(0));
  }
  await Promise.all(writes);
}
