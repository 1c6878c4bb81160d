import { describe, expect, it } from 'vitest';
import { fillPlaceholders, splitAddress } from '../../../main/mail/autoconfig/address';
import { guessConfig, guessProbes } from '../../../main/mail/autoconfig/steps/guess';
import { orderSrvRecords, srvConfig } from '../../../main/mail/autoconfig/steps/srv';
import { STANDARD_PORTS } from '../../../main/mail/autoconfig/types';

describe('orderSrvRecords', () => {
  it('orders by priority, then by weight (heaviest first), and drops the root dot', () => {
    const ordered = orderSrvRecords([
      { name: 'c.example.com.', port: 993, priority: 20, weight: 0 },
      { name: 'a.example.com', port: 993, priority: 10, weight: 5 },
      { name: 'B.example.com', port: 1993, priority: 10, weight: 50 },
    ]);
    expect(ordered).toEqual([
      { host: 'b.example.com', port: 1993, priority: 10 },
      { host: 'a.example.com', port: 993, priority: 10 },
      { host: 'c.example.com', port: 993, priority: 20 },
    ]);
  });

  it('treats a "." target as "service not offered"', () => {
    expect(orderSrvRecords([{ name: '.', port: 0, priority: 0, weight: 0 }])).toEqual([]);
    // node:dns reports the root target as an empty name.
    expect(orderSrvRecords([{ name: '', port: 1, priority: 0, weight: 0 }])).toEqual([]);
  });

  it('drops targets that are not host names', () => {
    expect(orderSrvRecords([{ name: 'bad host!', port: 993, priority: 0, weight: 0 }])).toEqual([]);
  });
});

describe('srvConfig', () => {
  const entry = (service: 'imap' | 'pop3' | 'smtp', security: 'implicit' | 'starttls', port: number, priority = 0) => ({
    service,
    security,
    host: `${service}.example.com`,
    port,
    priority,
  });

  it('puts implicit TLS first and IMAP before POP3, with the address as login name', () => {
    const config = srvConfig(
      [
        entry('pop3', 'implicit', 995),
        entry('imap', 'starttls', 143),
        entry('smtp', 'starttls', 587),
        entry('imap', 'implicit', 993),
        entry('smtp', 'implicit', 465),
      ],
      'ada@example.com',
    );
    expect(config?.incoming.map((c) => `${c.protocol}:${c.port}`)).toEqual(['imap:993', 'imap:143', 'pop3:995']);
    expect(config?.outgoing.map((c) => `${c.port}/${c.security}`)).toEqual(['465/implicit', '587/starttls']);
    expect(config?.incoming.every((c) => c.username === 'ada@example.com')).toBe(true);
  });

  it('prefers POP3 when the domain published it with a better priority (RFC 6186 §3.4)', () => {
    const config = srvConfig([entry('imap', 'implicit', 993, 20), entry('pop3', 'implicit', 995, 10)], 'a@example.com');
    expect(config?.incoming.map((c) => c.protocol)).toEqual(['pop3', 'imap']);
  });

  it('gives nothing when only submission is offered', () => {
    expect(srvConfig([entry('smtp', 'implicit', 465)], 'a@example.com')).toBeNull();
  });
});

describe('guess-and-probe plan', () => {
  it('tries implicit TLS before STARTTLS and the specific host names first', () => {
    const probes = guessProbes('example.com', STANDARD_PORTS).map((p) => `${p.protocol} ${p.host}:${p.port}`);
    expect(probes).toEqual([
      'imap imap.example.com:993',
      'imap mail.example.com:993',
      'imap imap.example.com:143',
      'imap mail.example.com:143',
      'pop3 pop.example.com:995',
      'pop3 pop3.example.com:995',
      'pop3 mail.example.com:995',
      'pop3 pop.example.com:110',
      'pop3 pop3.example.com:110',
      'pop3 mail.example.com:110',
      'smtp smtp.example.com:465',
      'smtp mail.example.com:465',
      'smtp smtp.example.com:587',
      'smtp mail.example.com:587',
    ]);
  });

  it('needs an incoming server to be a config', () => {
    expect(
      guessConfig([{ protocol: 'smtp', host: 'smtp.x.example', port: 465, security: 'implicit' }], 'a@x.example'),
    ).toBeNull();
  });
});

describe('addresses and placeholders', () => {
  it('splits at the last @ and lower-cases only the domain', () => {
    expect(splitAddress(' "a@b"@Example.COM ')).toEqual({
      email: '"a@b"@Example.COM',
      localPart: '"a@b"',
      domain: 'example.com',
    });
    expect(splitAddress('no-at-sign')).toBeNull();
    expect(splitAddress('a@localhost')).toBeNull();
    expect(splitAddress('a@exa mple.com')).toBeNull();
  });

  it('fills the three Mozilla placeholders and refuses others', () => {
    const parts = { email: 'a@x.example', localPart: 'a', domain: 'x.example' };
    expect(fillPlaceholders('%EMAILLOCALPART%+%EMAILDOMAIN%|%EMAILADDRESS%', parts)).toBe('a+x.example|a@x.example');
    expect(fillPlaceholders('%REALNAME%', parts)).toBeNull();
  });
});
