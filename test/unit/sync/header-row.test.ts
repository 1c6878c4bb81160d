import { describe, expect, it } from 'vitest';
import { toHeaderRow } from '../../../main/sync/header-row';

describe('header rows', () => {
  const fetched = (headers: string) => ({
    seq: 1,
    uid: 9,
    flags: new Set(['\\Seen', '\\Answered', '\\Recent']),
    internalDate: new Date('2026-03-04T05:06:07Z'),
    size: 1234,
    headers: Buffer.from(headers),
    modseq: 12345678901234567890n,
  });

  it('falls back to the arrival time when Date: is missing, and sorts flags', () => {
    const row = toHeaderRow(fetched('Subject: Hi\r\nFrom: A <a@x>\r\n\r\n'));
    expect(row).toMatchObject({
      uid: 9,
      date: '2026-03-04T05:06:07.000Z',
      receivedAt: '2026-03-04T05:06:07.000Z',
      flags: ['\\Answered', '\\Seen'],
      size: 1234,
      subject: 'Hi',
      fromName: 'A',
      fromAddress: 'a@x',
      modseq: '12345678901234567890',
    });
  });

  it('reads the fetched header fields: encoded words, folded lines, every To and Cc, ids in stored form', () => {
    const row = toHeaderRow(
      fetched(
        [
          'From: =?UTF-8?Q?Ad=C3=A1_Lovelace?= <ada@example.com>',
          'To: "Babbage, C." <cb@example.com>, dora@example.com',
          'To: Team: eve@example.com;',
          'Cc: =?ISO-8859-1?Q?J=F6rg?= <joerg@example.de>',
          'Subject: =?UTF-8?B?w5xiZXIgZGll?=\r\n =?UTF-8?Q?_Maschine?=',
          'Date: Tue, 5 Mar 2024 10:00:00 +0100',
          'Message-ID: <Root@Example.com>',
          'In-Reply-To: b@x',
          'References: <r1@x>\r\n\t<r2@x>',
          '',
          '',
        ].join('\r\n'),
      ),
    );
    expect(row).toMatchObject({
      date: '2024-03-05T09:00:00.000Z',
      subject: 'Über die Maschine',
      fromName: 'Adá Lovelace',
      fromAddress: 'ada@example.com',
      to: [
        { name: 'Babbage, C.', address: 'cb@example.com' },
        { name: '', address: 'dora@example.com' },
        { name: '', address: 'eve@example.com' },
      ],
      cc: [{ name: 'Jörg', address: 'joerg@example.de' }],
      messageId: '<Root@Example.com>',
      inReplyTo: '<b@x>',
      references: ['<r1@x>', '<r2@x>'],
    });
  });

  it('makes a row of a message with none of the fields, or with Latin-1 bytes in them', () => {
    expect(toHeaderRow(fetched('\r\n'))).toMatchObject({
      subject: '',
      fromName: null,
      fromAddress: null,
      to: [],
      cc: [],
      messageId: null,
      references: [],
    });
    const latin1 = Buffer.concat([
      Buffer.from('Subject: '),
      Buffer.from([0x52, 0xe9, 0x73, 0x75, 0x6d, 0xe9]),
      Buffer.from('\r\n\r\n'),
    ]);
    expect(toHeaderRow({ ...fetched(''), headers: latin1 }).subject).toBe('Résumé');
  });
});
