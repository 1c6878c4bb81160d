import { describe, expect, it } from 'vitest';
import { providerFilesSent } from '../../../main/outbox/filing';
import { AccountSchema } from '../../../shared/model/account';

const accountSendingVia = (host: string) =>
  AccountSchema.parse({
    id: 'acc-1',
    displayName: 'Test',
    incoming: { protocol: 'imap', host: 'imap.example.com', port: 993, security: 'implicit', username: 'u' },
    outgoing: { host, port: 465, security: 'implicit', username: 'u' },
    identities: [{ id: 'id-1', name: 'U', address: 'u@example.com' }],
  });

describe('providerFilesSent', () => {
  it('skips filing where the provider keeps a copy of what it sends itself', () => {
    for (const host of ['smtp.gmail.com', 'smtp.googlemail.com', 'smtp.office365.com', 'smtp-mail.outlook.com'])
      expect(providerFilesSent(accountSendingVia(host)), host).toBe(true);
  });

  it('files everywhere else, including look-alike names', () => {
    for (const host of ['mail.example.com', 'gmail.com.evil.test', 'notgmail.com', 'smtp.fastmail.com'])
      expect(providerFilesSent(accountSendingVia(host)), host).toBe(false);
  });
});
