import { describe, expect, it } from 'vitest';
import { parseQueueId, parseReply } from '../../../main/mail/smtp/reply';
import { sizeLimit } from '../../../main/mail/smtp/size';

describe('parseReply', () => {
  it('takes the code, the enhanced code and the text apart', () => {
    expect(parseReply('550 5.1.1 <x@y.test>: Recipient address rejected')).toEqual({
      code: 550,
      enhanced: '5.1.1',
      text: '<x@y.test>: Recipient address rejected',
    });
    expect(parseReply('250 Accepted')).toEqual({ code: 250, enhanced: null, text: 'Accepted' });
    expect(parseReply('354')).toEqual({ code: 354, enhanced: null, text: '' });
  });

  it('joins the lines of a multi-line reply', () => {
    expect(parseReply('451-4.7.1 Greylisted\n451 4.7.1 try again in 5 minutes')).toEqual({
      code: 451,
      enhanced: '4.7.1',
      text: 'Greylisted try again in 5 minutes',
    });
  });

  it('has no code for text that is not a reply', () => {
    expect(parseReply('garbage')).toEqual({ code: null, enhanced: null, text: 'garbage' });
  });
});

describe('parseQueueId', () => {
  it.each([
    ['250 2.0.0 Ok: queued as 4F3A2B1C', '4F3A2B1C'],
    ['250 Ok: queued as 4F3A2B1C', '4F3A2B1C'],
    ['250 2.0.0 OK id=1abc23-000456-Xy', '1abc23-000456-Xy'],
    ['250 OK id=1rKQ7h-0004Zx-2D', '1rKQ7h-0004Zx-2D'],
    ['250 Message accepted for delivery <20261130.abc123@mx.example>', '20261130.abc123@mx.example'],
    [
      '250 2.6.0 <AM0PR01MB1234.eurprd01.prod.outlook.com> [InternalId=123, Hostname=AM0PR01] Queued mail for delivery',
      'AM0PR01MB1234.eurprd01.prod.outlook.com',
    ],
    ['250 2.0.0 3AUH1a2b012345 Message accepted for delivery', '3AUH1a2b012345'],
    [
      '250 2.0.0 OK  1701333333 d9443c01a7336-1cfa2b3c4d5si123456pls.123 - gsmtp',
      'd9443c01a7336-1cfa2b3c4d5si123456pls.123',
    ],
    [
      '250 Ok 0100018c1d2e3f4a-1b2c3d4e-5f60-7182-93a4-b5c6d7e8f901-000000',
      '0100018c1d2e3f4a-1b2c3d4e-5f60-7182-93a4-b5c6d7e8f901-000000',
    ],
    ['250 Message accepted as #17', '17'],
  ])('%s → %s', (reply, id) => {
    expect(parseQueueId(reply)).toBe(id);
  });

  it("is null for replies that name none (smtp-server's default) and for failures", () => {
    expect(parseQueueId('250 OK: message queued')).toBeNull();
    expect(parseQueueId('250 2.0.0 OK: message queued')).toBeNull();
    expect(parseQueueId('250 Ok')).toBeNull();
    expect(parseQueueId('451 4.3.0 queued as nothing')).toBeNull();
  });
});

describe('sizeLimit', () => {
  it('reads SIZE from an EHLO reply', () => {
    expect(sizeLimit('250-mx.test Hello\n250-PIPELINING\n250-SIZE 10240000\n250 AUTH PLAIN')).toBe(10_240_000);
    expect(sizeLimit('250-mx.test\n250 SIZE 2000')).toBe(2000);
  });

  it('is null without SIZE, for SIZE without a number and for SIZE 0 (no fixed limit)', () => {
    expect(sizeLimit('250-mx.test\n250 PIPELINING')).toBeNull();
    expect(sizeLimit('250-mx.test\n250 SIZE')).toBeNull();
    expect(sizeLimit('250-mx.test\n250 SIZE 0')).toBeNull();
    expect(sizeLimit(null)).toBeNull();
  });
});
