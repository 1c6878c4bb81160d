import { describe, expect, it } from 'vitest';
import { DiscoveredConfigSchema } from '../../../shared/model/setup';
import { splitAddress } from '../../../main/mail/autoconfig/address';
import {
  providerConfig,
  providerForDomain,
  providerForMx,
  providerForMxHost,
} from '../../../main/mail/autoconfig/provider-table';
import { PROVIDERS } from '../../../main/mail/autoconfig/providers';

const address = (email: string) => {
  const parts = splitAddress(email);
  if (!parts) throw new Error(`${email} does not parse`);
  return parts;
};

describe('provider table lookups', () => {
  it.each([
    ['gmail.com', 'gmail'],
    ['GoogleMail.com', 'gmail'],
    ['outlook.com', 'outlook'],
    ['hotmail.co.uk', 'outlook'],
    ['hotmail.de', 'outlook'],
    ['live.com', 'outlook'],
    ['msn.com', 'outlook'],
    ['yahoo.com', 'yahoo'],
    ['ymail.com', 'yahoo'],
    ['icloud.com', 'icloud'],
    ['me.com', 'icloud'],
    ['mac.com', 'icloud'],
    ['fastmail.com', 'fastmail'],
    ['zoho.com', 'zoho'],
    ['gmx.de', 'gmx'],
    ['gmx.net', 'gmx'],
    ['gmx.com', 'gmx-com'],
    ['mailbox.org', 'mailbox-org'],
  ])('%s → %s', (domain, id) => {
    expect(providerForDomain(domain)?.id).toBe(id);
  });

  it('does not match look-alikes or subdomains', () => {
    expect(providerForDomain('notgmail.com')).toBeNull();
    expect(providerForDomain('mail.gmail.com')).toBeNull();
    expect(providerForDomain('hotmail.example')).toBeNull();
    expect(providerForDomain('example.com')).toBeNull();
  });

  it('lists every domain once across the whole table', () => {
    const all = PROVIDERS.flatMap((provider) => provider.domains);
    expect(new Set(all).size).toBe(all.length);
  });

  it('offers only encrypted servers on the providers’ real names and ports', () => {
    for (const provider of PROVIDERS) {
      expect(provider.servers.some((server) => server.protocol === 'imap')).toBe(true);
      expect(provider.servers.some((server) => server.protocol === 'smtp')).toBe(true);
      for (const server of provider.servers) {
        const expected = { imap: [993], pop3: [995], smtp: [465, 587] }[server.protocol];
        expect(expected).toContain(server.port);
        expect(server.security).toBe(server.port === 587 ? 'starttls' : 'implicit');
      }
    }
    const gmail = providerForDomain('gmail.com');
    expect(gmail?.servers).toEqual([
      { protocol: 'imap', host: 'imap.gmail.com', port: 993, security: 'implicit', username: 'address' },
      { protocol: 'pop3', host: 'pop.gmail.com', port: 995, security: 'implicit', username: 'address' },
      { protocol: 'smtp', host: 'smtp.gmail.com', port: 465, security: 'implicit', username: 'address' },
      { protocol: 'smtp', host: 'smtp.gmail.com', port: 587, security: 'starttls', username: 'address' },
    ]);
  });
});

describe('providerConfig', () => {
  it('fills in the login name per server: iCloud IMAP takes the local part, its SMTP the address', () => {
    const icloud = providerForDomain('icloud.com');
    if (!icloud) throw new Error('no iCloud entry');
    const config = providerConfig(icloud, address('emily@icloud.com'), 'provider-table');
    expect(config.incoming).toEqual([
      { protocol: 'imap', host: 'imap.mail.me.com', port: 993, security: 'implicit', username: 'emily' },
    ]);
    expect(config.outgoing).toEqual([
      { host: 'smtp.mail.me.com', port: 587, security: 'starttls', username: 'emily@icloud.com' },
    ]);
    expect(config.guidance).toMatch(/app-specific password/);
  });

  it('produces configs that satisfy the shared schema, with guidance where a provider needs an app password', () => {
    for (const provider of PROVIDERS) {
      const config = providerConfig(provider, address('user@example.com'), 'provider-table');
      expect(DiscoveredConfigSchema.parse(config)).toEqual(config);
    }
    for (const domain of ['gmail.com', 'yahoo.com', 'icloud.com', 'fastmail.com', 'zoho.com', 'gmx.de']) {
      expect(providerForDomain(domain)?.guidance).toMatch(/app password|app-specific|application-specific|allow/i);
    }
  });
});

describe('MX mapping', () => {
  it.each([
    ['aspmx.l.google.com', 'google-workspace'],
    ['ALT1.ASPMX.L.GOOGLE.COM.', 'google-workspace'],
    ['smtp.google.com', 'google-workspace'],
    ['aspmx2.googlemail.com', 'google-workspace'],
    ['contoso-com.mail.protection.outlook.com', 'microsoft-365'],
    ['contoso-com.l-v1.mx.microsoft', 'microsoft-365'],
    ['eur.olc.protection.outlook.com', 'outlook'],
    ['mx.zoho.com', 'zoho-organization'],
    ['mx2.zoho.eu', 'zoho-organization-eu'],
    ['mx.zoho.com.au', 'zoho-organization-au'],
    ['in1-smtp.messagingengine.com', 'fastmail'],
    ['mxext1.mailbox.org', 'mailbox-org'],
    ['mx01.mail.icloud.com', 'icloud'],
    ['mta5.am0.yahoodns.net', 'yahoo'],
  ])('%s → %s', (host, id) => {
    expect(providerForMxHost(host)?.id).toBe(id);
  });

  it('ignores hosts that only look similar', () => {
    expect(providerForMxHost('evilgoogle.com')).toBeNull();
    expect(providerForMxHost('google.com.evil.example')).toBeNull();
    expect(providerForMxHost('mx-aol.mail.gm0.yahoodns.net')).toBeNull();
    expect(providerForMxHost('mail.example.com')).toBeNull();
  });

  it('takes the most preferred MX that is recognised', () => {
    const match = providerForMx([
      { exchange: 'backup.example.com', priority: 5 },
      { exchange: 'alt1.aspmx.l.google.com', priority: 20 },
      { exchange: 'contoso-com.mail.protection.outlook.com', priority: 30 },
      { exchange: 'aspmx.l.google.com', priority: 10 },
    ]);
    expect(match).toEqual({
      provider: expect.objectContaining({ id: 'google-workspace' }),
      exchange: 'aspmx.l.google.com',
    });
    expect(providerForMx([{ exchange: 'mx.example.com', priority: 10 }])).toBeNull();
    expect(providerForMx([])).toBeNull();
  });

  it('gives Google Workspace the full address as login name', () => {
    const workspace = providerForMxHost('aspmx.l.google.com');
    if (!workspace) throw new Error('no Workspace entry');
    const config = providerConfig(workspace, address('ada@company.example'), 'mx');
    expect(config.source).toBe('mx');
    expect(config.providerName).toBe('Google Workspace');
    expect(config.incoming[0]).toEqual({
      protocol: 'imap',
      host: 'imap.gmail.com',
      port: 993,
      security: 'implicit',
      username: 'ada@company.example',
    });
  });
});
