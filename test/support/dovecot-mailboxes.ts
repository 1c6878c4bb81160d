import { deliverMessage } from './doveadm';
import { LOCAL_DOMAIN, type DovecotInfo } from './mail-servers';
import { readPasswords } from './mail-users';
import type { Mailboxes } from './smtp';

/**
 * The test Dovecot's users as seen by the SMTP server. The passwd file is read on every lookup
 * (it is tiny) so users that tests add while the run goes on can send and receive at once.
 */
export function dovecotMailboxes(info: DovecotInfo): Mailboxes {
  return {
    async checkPassword(user, password) {
      const expected = (await readPasswords(info.passwdPath)).get(user);
      return expected !== undefined && expected === password;
    },
    async localUser(address) {
      const at = address.lastIndexOf('@');
      if (at < 0 || address.slice(at + 1).toLowerCase() !== LOCAL_DOMAIN) return undefined;
      const user = address.slice(0, at).toLowerCase();
      return (await readPasswords(info.passwdPath)).has(user) ? user : null;
    },
    deliver: (user, raw) => deliverMessage(info, user, raw),
  };
}
