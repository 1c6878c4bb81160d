import { AccountSchema, type Account } from '../../shared/model/account';
import type { MailServers, TestUser } from './mail-servers';

/** A saved-account shape for a harness user: IMAP and SMTP with STARTTLS, all mail kept offline. */
export function harnessAccount(
  servers: MailServers,
  user: TestUser,
  overrides: Partial<Account['incoming']> = {},
): Account {
  return AccountSchema.parse({
    id: `acc-${user.name}`,
    displayName: user.name,
    incoming: {
      protocol: 'imap',
      host: servers.host,
      port: servers.imap.port,
      security: 'starttls',
      username: user.name,
      ...overrides,
    },
    outgoing: { host: servers.host, port: servers.smtp.port, security: 'starttls', username: user.name },
    identities: [{ id: `id-${user.name}`, name: user.name, address: user.address }],
    imap: { offlineWindowDays: null },
  });
}
