import { describe, expect, it } from 'vitest';
import { splitAddress } from '../../../main/mail/autoconfig/address';
import { mapSocketType, parseAutoconfigXml } from '../../../main/mail/autoconfig/config-xml';
import { parseXml, XmlError } from '../../../main/mail/autoconfig/xml';

const parts = splitAddress('Ada.Lovelace@Example.COM');
if (!parts) throw new Error('test address does not parse');

const doc = (servers: string, extra = ''): string => `<?xml version="1.0" encoding="UTF-8"?>
<!-- a comment before the root -->
<clientConfig version="1.1">
  <emailProvider id="example.com">
    <domain>example.com</domain>
    <displayName>Example &amp; Co Mail</displayName>
    ${servers}
    ${extra}
  </emailProvider>
</clientConfig>`;

const server = (kind: 'incomingServer' | 'outgoingServer', type: string, fields: Record<string, string>): string =>
  `<${kind} type="${type}">${Object.entries(fields)
    .map(([name, value]) => `<${name}>${value}</${name}>`)
    .join('')}</${kind}>`;

describe('parseXml', () => {
  it('reads elements, attributes, text, entities and CDATA', () => {
    const root = parseXml(`<?xml version="1.0"?><a x='1' y="&lt;2&gt;"><b>t &#x41;&#66; <![CDATA[<raw>]]></b><c/></a>`);
    expect(root.name).toBe('a');
    expect(root.attributes).toEqual({ x: '1', y: '<2>' });
    expect(root.children.map((child) => child.name)).toEqual(['b', 'c']);
    expect(root.children[0]?.text).toBe('t AB <raw>');
  });

  it.each([
    ['an unclosed element', '<a><b></a>'],
    ['a missing end tag', '<a><b></b>'],
    ['two roots', '<a/><b/>'],
    ['text outside the root', 'hello <a/>'],
    ['a DOCTYPE (entity expansion)', '<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>'],
    ['an unquoted attribute', '<a x=1/>'],
    ['a duplicate attribute', '<a x="1" x="2"/>'],
    ['an empty document', '   '],
    ['HTML', '<html><body><p>Not found<br></body></html>'],
  ])('refuses %s with an XmlError', (_name, input) => {
    expect(() => parseXml(input)).toThrow(XmlError);
  });

  it('refuses absurd nesting instead of recursing', () => {
    expect(() => parseXml(`${'<a>'.repeat(100)}${'</a>'.repeat(100)}`)).toThrow(/deeper than/);
  });
});

describe('mapSocketType', () => {
  it('maps SSL/TLS to implicit, STARTTLS to starttls, and plain or nothing to null', () => {
    expect(mapSocketType('SSL')).toBe('implicit');
    expect(mapSocketType('tls')).toBe('implicit');
    expect(mapSocketType('STARTTLS')).toBe('starttls');
    expect(mapSocketType('plain')).toBeNull();
    expect(mapSocketType(null)).toBeNull();
  });
});

describe('parseAutoconfigXml', () => {
  it('fills the placeholders for this address and keeps the provider name', () => {
    const xml = doc(
      [
        server('incomingServer', 'imap', {
          hostname: 'imap.%EMAILDOMAIN%',
          port: '993',
          socketType: 'SSL',
          username: '%EMAILLOCALPART%',
        }),
        server('outgoingServer', 'smtp', {
          hostname: 'smtp.example.com',
          port: '587',
          socketType: 'STARTTLS',
          username: '%EMAILADDRESS%',
        }),
      ].join(''),
    );
    const parsed = parseAutoconfigXml(xml, parts, 'domain-autoconfig');
    expect(parsed).toEqual({
      ok: true,
      notes: [],
      config: {
        source: 'domain-autoconfig',
        providerName: 'Example & Co Mail',
        incoming: [
          { protocol: 'imap', host: 'imap.example.com', port: 993, security: 'implicit', username: 'Ada.Lovelace' },
        ],
        outgoing: [{ host: 'smtp.example.com', port: 587, security: 'starttls', username: 'Ada.Lovelace@Example.COM' }],
        guidance: null,
      },
    });
  });

  it('leaves plain servers out and says so, and puts implicit TLS first, IMAP before POP3', () => {
    const xml = doc(
      [
        server('incomingServer', 'pop3', { hostname: 'pop.example.com', port: '995', socketType: 'SSL' }),
        server('incomingServer', 'imap', { hostname: 'mail.example.com', port: '143', socketType: 'plain' }),
        server('incomingServer', 'imap', { hostname: 'mail.example.com', port: '143', socketType: 'STARTTLS' }),
        server('incomingServer', 'imap', { hostname: 'mail.example.com', port: '993', socketType: 'SSL' }),
        server('outgoingServer', 'smtp', { hostname: 'mail.example.com', port: '25' }),
        server('outgoingServer', 'smtp', { hostname: 'mail.example.com', port: '465', socketType: 'SSL' }),
      ].join(''),
    );
    const parsed = parseAutoconfigXml(xml, parts, 'ispdb');
    if (!parsed.ok) throw new Error(parsed.reason);
    expect(parsed.config.incoming.map((c) => `${c.protocol} ${c.port} ${c.security}`)).toEqual([
      'imap 993 implicit',
      'imap 143 starttls',
      'pop3 995 implicit',
    ]);
    expect(parsed.config.outgoing.map((c) => c.port)).toEqual([465]);
    expect(parsed.config.incoming.every((c) => c.username === 'Ada.Lovelace@Example.COM')).toBe(true);
    expect(parsed.notes).toEqual([
      'imap mail.example.com: socketType plain is unencrypted, left out',
      'smtp mail.example.com: socketType (none) is unencrypted, left out',
    ]);
  });

  it('gives no config when every incoming server is plain', () => {
    const xml = doc(
      server('incomingServer', 'imap', { hostname: 'mail.example.com', port: '143', socketType: 'plain' }),
    );
    const parsed = parseAutoconfigXml(xml, parts, 'well-known');
    expect(parsed).toEqual({ ok: false, reason: expect.stringMatching(/no encrypted IMAP or POP3 server.*plain/) });
  });

  it('turns malformed XML and foreign documents into a reason, not an exception', () => {
    expect(parseAutoconfigXml('<clientConfig><emailProvider>', parts, 'ispdb')).toEqual({
      ok: false,
      reason: expect.stringMatching(/^Malformed XML/),
    });
    expect(parseAutoconfigXml('<html><body/></html>', parts, 'ispdb')).toEqual({
      ok: false,
      reason: 'not an autoconfig document (root <html>)',
    });
    expect(parseAutoconfigXml('<clientConfig/>', parts, 'ispdb')).toEqual({
      ok: false,
      reason: 'the document has no <emailProvider>',
    });
  });

  it('skips servers with unknown placeholders in the host, bad ports, or other types', () => {
    const xml = doc(
      [
        server('incomingServer', 'imap', { hostname: '%REALNAME%.example.com', port: '993', socketType: 'SSL' }),
        server('incomingServer', 'imap', { hostname: 'imap.example.com', port: '99999', socketType: 'SSL' }),
        server('incomingServer', 'exchange', { hostname: 'ews.example.com', port: '443', socketType: 'SSL' }),
        server('incomingServer', 'imap', {
          hostname: 'ok.example.com',
          port: '993',
          socketType: 'SSL',
          username: '%REALNAME%',
        }),
      ].join(''),
    );
    const parsed = parseAutoconfigXml(xml, parts, 'ispdb');
    if (!parsed.ok) throw new Error(parsed.reason);
    // An unfillable username falls back to the address rather than a literal placeholder.
    expect(parsed.config.incoming).toEqual([
      {
        protocol: 'imap',
        host: 'ok.example.com',
        port: 993,
        security: 'implicit',
        username: 'Ada.Lovelace@Example.COM',
      },
    ]);
    expect(parsed.notes).toHaveLength(2);
  });

  it('turns enable instructions and https documentation into guidance, and notes OAuth-only servers', () => {
    const xml = doc(
      server('incomingServer', 'imap', {
        hostname: 'imap.example.com',
        port: '993',
        socketType: 'SSL',
        authentication: 'OAuth2',
      }),
      `<enable visiturl="https://example.com/enable">
         <instruction lang="de">Bitte IMAP einschalten</instruction>
         <instruction>Turn on   IMAP first</instruction>
       </enable>
       <documentation url="https://example.com/help"><descr lang="en">Mail settings</descr></documentation>
       <documentation url="http://insecure.example.com/"><descr>Ignored</descr></documentation>`,
    );
    const parsed = parseAutoconfigXml(xml, parts, 'domain-autoconfig');
    if (!parsed.ok) throw new Error(parsed.reason);
    expect(parsed.config.guidance).toBe(
      [
        'This provider signs mail apps in with OAuth 2.0; a password may not work.',
        'Turn on IMAP first (https://example.com/enable)',
        'Mail settings: https://example.com/help',
      ].join('\n'),
    );
  });
});
