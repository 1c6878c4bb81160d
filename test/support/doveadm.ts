import { run } from './exec';
import type { DovecotInfo } from './mail-servers';

type ConfigRef = Pick<DovecotInfo, 'configPath'>;

function doveadm(info: ConfigRef, args: readonly string[], input?: Buffer | string): Promise<unknown> {
  return run('doveadm', ['-c', info.configPath, ...args], input === undefined ? {} : { input });
}

/**
 * Stores a raw RFC 822 message in a user's mailbox the way a delivery agent would (through
 * Dovecot, so its index and UIDs stay consistent; writing files into the Maildir behind its back
 * would not). Works from any test process while the harness's Dovecot runs.
 */
export async function deliverMessage(
  info: ConfigRef,
  user: string,
  raw: Buffer | string,
  mailbox = 'INBOX',
): Promise<void> {
  await doveadm(info, ['save', '-u', user, '-m', mailbox], raw);
}

/**
 * Expunges every message in every mailbox of the user (folders stay). Only safe for a user no
 * other test file uses at the same time: see addMailUser for one of your own.
 */
export async function resetMailbox(info: ConfigRef, user: string): Promise<void> {
  await doveadm(info, ['expunge', '-u', user, 'mailbox', '*', 'all']);
}

/** Throws unless Dovecot's auth process accepts the credentials (it proves auth is up). */
export async function authTest(info: ConfigRef, user: string, password: string): Promise<void> {
  await doveadm(info, ['auth', 'test', user, password]);
}

/** Throws unless the userdb knows the user (exit code 67 from doveadm when it does not). */
export async function userdbLookup(info: ConfigRef, user: string): Promise<void> {
  await doveadm(info, ['user', user]);
}
