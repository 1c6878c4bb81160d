import { randomBytes } from 'node:crypto';
import { appendFile, chown, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { userdbLookup } from './doveadm';
import { LOCAL_DOMAIN, type DovecotInfo, type TestUser } from './mail-servers';
import { pollUntil } from './poll';

const NAME_PATTERN = /^[a-z][a-z0-9._-]{0,63}$/;

export function makeTestUser(name: string): TestUser {
  if (!NAME_PATTERN.test(name)) throw new Error(`unusable test user name: ${JSON.stringify(name)}`);
  // Hex only: ':' would break the passwd-file format and nothing here needs to be fancy.
  return { name, password: randomBytes(9).toString('hex'), address: `${name}@${LOCAL_DOMAIN}` };
}

/**
 * `user:{PLAIN}password:uid:gid::home::extra` (home in field 6; in the gecos slot Dovecot finds no
 * home). `extra`: space-separated userdb fields for this user alone, e.g. `userdb_quota_rule=…`.
 */
export function passwdLine(
  user: TestUser,
  info: Pick<DovecotInfo, 'homeRoot' | 'mailUid' | 'mailGid'>,
  extra: readonly string[] = [],
): string {
  return `${user.name}:{PLAIN}${user.password}:${info.mailUid}:${info.mailGid}::${join(info.homeRoot, user.name)}::${extra.join(' ')}\n`;
}

/**
 * Userdb fields that give one user a storage quota (Maildir++ quota, this user only: the plugin
 * is loaded for nobody else). Over it, Dovecot refuses APPEND with `NO [OVERQUOTA]`.
 */
export function storageQuota(kilobytes: number): string[] {
  return ['userdb_mail_plugins=quota', 'userdb_quota=maildir:User', `userdb_quota_rule=*:storage=${kilobytes}K`];
}

/**
 * Creates the home (owned by the mail uid when running as root; a no-op chown rootless) so
 * Dovecot, running as that uid, can create the Maildir in it on first login.
 */
export async function createHome(
  user: TestUser,
  info: Pick<DovecotInfo, 'homeRoot' | 'mailUid' | 'mailGid'>,
): Promise<void> {
  const home = join(info.homeRoot, user.name);
  await mkdir(home, { recursive: true, mode: 0o700 });
  await chown(home, info.mailUid, info.mailGid);
}

/** Password of every user currently in the passwd file (it grows when tests add users). */
export async function readPasswords(passwdPath: string): Promise<Map<string, string>> {
  const text = await readFile(passwdPath, 'utf8');
  const users = new Map<string, string>();
  for (const line of text.split('\n')) {
    const [name, secret] = line.split(':');
    if (name && secret?.startsWith('{PLAIN}')) users.set(name, secret.slice('{PLAIN}'.length));
  }
  return users;
}

/**
 * Adds a fresh user with an empty mailbox while Dovecot runs. Test files that need a mailbox
 * nobody else touches use this instead of sharing alice/bob with files that run in parallel.
 * The name gets a random suffix. Takes up to ~1 s: Dovecot's passwd-file driver stats the file
 * at most once per second, so the new line is seen only by a lookup in a later second.
 */
export async function addMailUser(
  info: DovecotInfo,
  prefix = 'user',
  options: { userdbFields?: readonly string[] } = {},
): Promise<TestUser> {
  const user = makeTestUser(`${prefix}-${randomBytes(4).toString('hex')}`);
  await createHome(user, info);
  // One small O_APPEND write per user, so concurrent workers never interleave lines.
  await appendFile(info.passwdPath, passwdLine(user, info, options.userdbFields));
  await pollUntil(() => userdbLookup(info, user.name).then(() => true), {
    timeoutMs: 5000,
    intervalMs: 100,
    what: `Dovecot to see the new user ${user.name}`,
  });
  return user;
}
