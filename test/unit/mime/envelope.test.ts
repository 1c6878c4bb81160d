import { describe, expect, it } from 'vitest';
import { parseEnvelope } from '../../../main/mail/mime/envelope';
import { parseMessage } from '../../../main/mail/mime/parse-message';
import { fixture, fixtureNames } from '../../support/mime-fixtures/index';

const listed = ['subject', 'from', 'date', 'messageId', 'inReplyTo', 'references'] as const;

const extra: Record<string, string> = {
  'encoded sender and subject': [
    'From: =?UTF-8?Q?Ad=C3=A1_Lovelace?= <ada@example.com>',
    'Subject: =?UTF-8?B?w5xiZXIgZGllIE1hc2NoaW5l?=',
    'Date: Tue, 5 Mar 2024 10:00:00 +0100',
    'Message-ID: <a@b>',
    'In-Reply-To: <x@y> <z@w>',
    'References: <r1@x>\r\n <r2@x>',
    '',
    'body',
  ].join('\r\n'),
  'group and bare address': ['From: Team: ada@example.com, bob@example.com;', 'Subject: hi', '', 'x'].join('\r\n'),
  'quoted name with a comma': ['From: "Lovelace, Ada" <ada@example.com>', '', 'x'].join('\r\n'),
  'unparseable date and no ids': ['From: ada@example.com', 'Date: someday', 'Subject: s', '', 'x'].join('\n'),
  'folded subject, repeated headers': [
    'Subject: first\r\n  folded',
    'Subject: second',
    'From: <one@example.com>',
    'From: two@example.com',
    '',
    'x',
  ].join('\r\n'),
};

describe('parseEnvelope (the header block only)', () => {
  it.each([
    ...fixtureNames().map((name) => [name, fixture(name)] as const),
    ...Object.entries(extra).map(([name, text]) => [name, Buffer.from(text)] as const),
  ])('lists the same subject, sender, date and ids as a full parse: %s', async (_name, raw) => {
    const full = await parseMessage(raw);
    const envelope = parseEnvelope(raw);
    for (const key of listed) expect(envelope[key], key).toEqual(full[key]);
  });

  it.each(fixtureNames())('lists the same To and Cc as a full parse when asked: %s', async (name) => {
    const full = await parseMessage(fixture(name));
    const envelope = parseEnvelope(fixture(name), undefined, { recipients: true });
    expect({ to: envelope.to, cc: envelope.cc }).toEqual({ to: full.to, cc: full.cc });
  });

  it('leaves recipients, body and attachments to the full parse', () => {
    const envelope = parseEnvelope(fixture('attachments.eml'));
    expect(envelope).toMatchObject({ to: [], cc: [], text: '', html: null, attachments: [], hasAttachments: false });
  });
});
