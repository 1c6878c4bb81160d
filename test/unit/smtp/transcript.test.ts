import { describe, expect, it } from 'vitest';
import { recipientResults } from '../../../main/mail/smtp/recipients';
import { TranscriptRecorder } from '../../../main/mail/smtp/transcript';
import { secretScrubber } from '../../../main/mail/secret-scrub';

const USER = 'ada';
const PASSWORD = 'correct horse battery';

/** Feeds the recorder the way nodemailer's transaction log does. */
function feed(recorder: TranscriptRecorder, entries: readonly ['client' | 'server', string][]): void {
  for (const [tnx, text] of entries) recorder.logger.debug({ tnx }, text);
}

function recorder(): TranscriptRecorder {
  return new TranscriptRecorder(secretScrubber({ username: USER, password: PASSWORD }));
}

const texts = (r: TranscriptRecorder): string[] => r.lines.map((line) => `${line.dir}: ${line.text}`);

describe('TranscriptRecorder', () => {
  it('redacts AUTH PLAIN whatever nodemailer logged, and AUTH LOGIN continuation lines', () => {
    const r = recorder();
    const plain = Buffer.from(`\0${USER}\0${PASSWORD}`).toString('base64');
    feed(r, [
      ['client', `AUTH PLAIN ${plain}`],
      ['server', '535 5.7.8 nope'],
      ['client', 'AUTH LOGIN'],
      ['server', '334 VXNlcm5hbWU6'],
      ['client', Buffer.from(USER).toString('base64')],
      ['server', '334 UGFzc3dvcmQ6'],
      ['client', Buffer.from(PASSWORD).toString('base64')],
      ['server', '235 ok'],
      ['client', 'MAIL FROM:<ada@example.test>'],
    ]);
    expect(texts(r)).toEqual([
      'client: AUTH PLAIN /* secret */',
      'server: 535 5.7.8 nope',
      'client: AUTH LOGIN',
      'server: 334 VXNlcm5hbWU6',
      'client: /* secret */',
      'server: 334 UGFzc3dvcmQ6',
      'client: /* secret */',
      'server: 235 ok',
      'client: MAIL FROM:<ada@example.test>',
    ]);
  });

  it('scrubs the password should a server echo it', () => {
    const r = recorder();
    feed(r, [['server', `535 bad password ${PASSWORD}`]]);
    expect(r.lines[0]?.text).toBe('535 bad password ••••••');
  });

  it('pairs pipelined commands with their replies in order, and marks the data as sent', () => {
    const r = recorder();
    feed(r, [
      ['server', '220 mx.test ESMTP'],
      ['client', 'MAIL FROM:<ada@example.test>'],
      ['client', 'RCPT TO:<a@x.test>'],
      ['client', 'RCPT TO:<b@x.test>'],
      ['client', 'DATA'],
      ['server', '250 ok'],
      ['server', '250 ok'],
      ['server', '550 5.1.1 no such user'],
      ['server', '354 go ahead'],
    ]);
    expect(r.dataComplete).toBe(false);
    r.logger.info({ tnx: 'message', outByteCount: 1234 }, '<%s bytes encoded mime message (source size %s bytes)>');
    expect(r.dataComplete).toBe(true);
    expect(r.lines.at(-1)).toMatchObject({ dir: 'client', text: '<1234 bytes of message data>' });
    expect(r.lastExchange('.')).toEqual({ command: '.', reply: null });
    feed(r, [['server', '250 2.0.0 Ok: queued as ABC']]);
    expect(r.lastExchange('.')?.reply).toBe('250 2.0.0 Ok: queued as ABC');
    expect(r.exchanges.map((exchange) => [exchange.command, exchange.reply])).toEqual([
      ['', '220 mx.test ESMTP'],
      ['MAIL FROM:<ada@example.test>', '250 ok'],
      ['RCPT TO:<a@x.test>', '250 ok'],
      ['RCPT TO:<b@x.test>', '550 5.1.1 no such user'],
      ['DATA', '354 go ahead'],
      ['.', '250 2.0.0 Ok: queued as ABC'],
    ]);

    const results = recipientResults(['a@x.test', 'b@x.test', 'c@x.test'], r.exchanges, (text) => text);
    expect(results).toEqual([
      { address: 'a@x.test', accepted: true, code: 250, enhanced: null, reply: '250 ok', explanation: null },
      {
        address: 'b@x.test',
        accepted: false,
        code: 550,
        enhanced: '5.1.1',
        reply: '550 5.1.1 no such user',
        explanation: expect.stringMatching(/does not know this address/),
      },
    ]);
  });

  it('keeps the latest EHLO reply (the one after STARTTLS) and splits multi-line replies into lines', () => {
    const r = recorder();
    feed(r, [
      ['server', '220 mx.test'],
      ['client', 'EHLO me'],
      ['server', '250-mx.test\n250-STARTTLS\n250 SIZE 100'],
      ['client', 'STARTTLS'],
      ['server', '220 go'],
      ['client', 'EHLO me'],
      ['server', '250-mx.test\n250 SIZE 200'],
    ]);
    expect(r.lastEhloReply()).toBe('250-mx.test\n250 SIZE 200');
    expect(texts(r).slice(2, 5)).toEqual(['server: 250-mx.test', 'server: 250-STARTTLS', 'server: 250 SIZE 100']);
  });

  it('starts afresh for the next attempt', () => {
    const r = recorder();
    feed(r, [['client', 'RSET']]);
    r.restart();
    expect(r.lines).toEqual([]);
    expect(r.exchanges).toEqual([]);
    expect(r.dataComplete).toBe(false);
  });
});
