/**
 * The decision that matters most for the outbox: retry, give up, or ask the user. Errors are
 * shaped as nodemailer's SMTPConnection makes them (code, originalCode, response, command).
 */
import { describe, expect, it } from 'vitest';
import { classifySendError, type Stage } from '../../../main/mail/smtp/classify';
import { TranscriptRecorder } from '../../../main/mail/smtp/transcript';

function nodemailerError(message: string, fields: Record<string, unknown>): Error {
  return Object.assign(new Error(message), fields);
}

function classify(
  error: unknown,
  stage: Stage,
  log: readonly ['client' | 'server', string][] = [],
  dataSent = false,
  pinned = false,
) {
  const recorder = new TranscriptRecorder((text) => text);
  for (const [tnx, text] of log) recorder.logger.debug({ tnx }, text);
  if (dataSent) recorder.logger.info({ tnx: 'message', outByteCount: 10 }, '<%s bytes>');
  return classifySendError(error, stage, recorder, { scrub: (text) => text, pinned });
}

const TRANSACTION: ['client' | 'server', string][] = [
  ['client', 'MAIL FROM:<a@x.test>'],
  ['client', 'RCPT TO:<b@x.test>'],
  ['client', 'DATA'],
  ['server', '250 ok'],
  ['server', '250 ok'],
  ['server', '354 go'],
];

describe('classifySendError', () => {
  it('connection refused: transient at connect', () => {
    const error = nodemailerError('connect ECONNREFUSED 127.0.0.1:1', {
      code: 'ESOCKET',
      originalCode: 'ECONNREFUSED',
    });
    expect(classify(error, 'connect')).toMatchObject({
      kind: 'transient',
      failure: { phase: 'connect', code: null, message: 'ECONNREFUSED' },
    });
  });

  it('421 in the greeting: transient at greeting', () => {
    const error = nodemailerError('Invalid greeting', {
      code: 'EPROTOCOL',
      response: '421 4.7.0 Too busy',
      command: 'CONN',
    });
    expect(classify(error, 'connect', [['server', '421 4.7.0 Too busy']])).toMatchObject({
      kind: 'transient',
      failure: { phase: 'greeting', code: 421, enhanced: '4.7.0' },
    });
  });

  it('421 in the middle of the envelope: transient', () => {
    const error = nodemailerError('Recipient command failed', {
      code: 'EENVELOPE',
      response: '421 4.4.2 Timeout',
      command: 'RCPT TO',
    });
    expect(classify(error, 'send')).toMatchObject({ kind: 'transient', failure: { phase: 'rcpt', code: 421 } });
  });

  it('STARTTLS refused with 5xx: permanent at tls, explained as no encryption', () => {
    const error = nodemailerError('Error upgrading connection with STARTTLS', {
      code: 'ETLS',
      response: '502 5.5.1 STARTTLS not available',
      command: 'STARTTLS',
    });
    const result = classify(error, 'connect');
    expect(result).toMatchObject({ kind: 'permanent', failure: { phase: 'tls', code: 502 } });
    expect(result.failure.explanation).toMatch(/did not offer encryption/);
  });

  it('STARTTLS answered 454 (temporarily unavailable): transient at tls', () => {
    const error = nodemailerError('Error upgrading connection with STARTTLS', {
      code: 'ETLS',
      response: '454 4.7.0 TLS not available due to temporary reason',
      command: 'STARTTLS',
    });
    expect(classify(error, 'connect')).toMatchObject({ kind: 'transient', failure: { phase: 'tls', code: 454 } });
  });

  it('an untrusted or mismatched certificate: permanent at tls', () => {
    for (const code of [
      'DEPTH_ZERO_SELF_SIGNED_CERT',
      'ERR_TLS_CERT_ALTNAME_INVALID',
      'ERR_LETTERBOX_CERT_PIN_MISMATCH',
    ]) {
      const error = nodemailerError('certificate problem', { code: 'ESOCKET', originalCode: code });
      expect(classify(error, 'connect')).toMatchObject({ kind: 'permanent', failure: { phase: 'tls' } });
    }
  });

  it('with a pinned certificate, any certificate failure is explained as "not the pinned one"', () => {
    const error = nodemailerError('self-signed certificate', {
      code: 'ESOCKET',
      originalCode: 'DEPTH_ZERO_SELF_SIGNED_CERT',
    });
    expect(classify(error, 'connect', [], false, true).failure.explanation).toMatch(/one you chose to trust/);
    expect(classify(error, 'connect', [], false, false).failure.explanation).toMatch(/self-signed/);
  });

  it('login refused with 535: permanent at auth; a 454 temporary failure: transient', () => {
    const refused = nodemailerError('Invalid login', {
      code: 'EAUTH',
      response: '535 5.7.8 Bad credentials',
      command: 'AUTH PLAIN',
    });
    expect(classify(refused, 'auth')).toMatchObject({ kind: 'permanent', failure: { phase: 'auth', code: 535 } });
    const later = nodemailerError('Invalid login', {
      code: 'EAUTH',
      response: '454 4.7.0 Try later',
      command: 'AUTH PLAIN',
    });
    expect(classify(later, 'auth')).toMatchObject({ kind: 'transient', failure: { phase: 'auth', code: 454 } });
  });

  it('the connection closed after the final dot with no reply: uncertain', () => {
    const error = nodemailerError('Connection closed unexpectedly', { code: 'ECONNECTION', command: 'CONN' });
    expect(classify(error, 'send', TRANSACTION, true)).toMatchObject({
      kind: 'uncertain',
      failure: { phase: 'message', code: null, reply: null },
    });
  });

  it('a timeout waiting for the final reply: uncertain too', () => {
    const error = nodemailerError('Timeout', { code: 'ETIMEDOUT', originalCode: 'SOCKET_TIMEOUT', command: 'CONN' });
    expect(classify(error, 'send', TRANSACTION, true).kind).toBe('uncertain');
  });

  it('a 4xx reply to the final dot is an answer, not uncertainty: transient', () => {
    const error = nodemailerError('Message failed', {
      code: 'EMESSAGE',
      response: '451 4.3.0 Try later',
      command: 'DATA',
    });
    expect(classify(error, 'send', TRANSACTION, true)).toMatchObject({
      kind: 'transient',
      failure: { phase: 'message', code: 451 },
    });
  });

  it('the connection closed before the data was complete: transient, in the phase that was waiting', () => {
    const error = nodemailerError('Connection closed unexpectedly', { code: 'ECONNECTION', command: 'CONN' });
    expect(classify(error, 'send', TRANSACTION, false)).toMatchObject({
      kind: 'transient',
      failure: { phase: 'message' },
    });
    const early: ['client' | 'server', string][] = [
      ['client', 'MAIL FROM:<a@x.test>'],
      ['client', 'RCPT TO:<b@x.test>'],
    ];
    expect(classify(error, 'send', early, false)).toMatchObject({ kind: 'transient', failure: { phase: 'mail' } });
  });

  it("nodemailer's own SIZE check: permanent at size", () => {
    const error = nodemailerError('Message size larger than allowed 2000', { code: 'EMESSAGE', command: 'MAIL FROM' });
    expect(classify(error, 'send')).toMatchObject({ kind: 'permanent', failure: { phase: 'size' } });
  });

  it('a 5xx to MAIL FROM: permanent at mail', () => {
    const error = nodemailerError('Mail command failed', {
      code: 'EENVELOPE',
      response: '553 5.7.1 Sender address rejected: not owned by user',
      command: 'MAIL FROM',
    });
    expect(classify(error, 'send')).toMatchObject({ kind: 'permanent', failure: { phase: 'mail', enhanced: '5.7.1' } });
  });

  it('an envelope nodemailer refuses to send (no recipients, a malformed address): permanent at mail', () => {
    const error = nodemailerError('No recipients defined', { code: 'EENVELOPE', command: 'API' });
    const result = classify(error, 'send');
    expect(result).toMatchObject({ kind: 'permanent', failure: { phase: 'mail', code: null } });
    expect(result.failure.explanation).toBe('Letterbox refused to send: No recipients defined');
  });

  it('a greeting that is not SMTP: permanent', () => {
    const error = nodemailerError('Invalid greeting', {
      code: 'EPROTOCOL',
      response: '* OK IMAP4rev1 ready',
      command: 'CONN',
    });
    expect(classify(error, 'connect')).toMatchObject({ kind: 'permanent', failure: { phase: 'greeting', code: null } });
  });
});
