import { describe, expect, it } from 'vitest';
import { classified, type Classified } from '../../../main/mail/verify/classify';
import { Deadline, StoppedError } from '../../../main/mail/verify/deadline';
import { failureMessage, type MessageContext } from '../../../main/mail/verify/messages';
import { redactResult } from '../../../main/mail/verify/redact';
import { ehloAuthMethods } from '../../../main/mail/verify/smtp-log';

const context: MessageContext = {
  protocol: 'imap',
  host: 'imap.example.com',
  port: 993,
  security: 'implicit',
  step: 'tls',
  timeoutMs: 15_000,
};

function failure(partial: Partial<Classified>): Classified {
  return classified('protocol_error', '', partial);
}

const certificate = {
  subject: 'CN=imap.example.com',
  issuer: 'CN=imap.example.com',
  validFrom: '2020-01-01T00:00:00.000Z',
  validTo: '2020-01-02T00:00:00.000Z',
  fingerprint256: 'AB:'.repeat(31) + 'AB',
  selfSigned: true,
  pem: '-----BEGIN CERTIFICATE-----',
};

describe('failure messages', () => {
  it('say what happened, where, and what to do', () => {
    expect(
      failureMessage(failure({ code: 'dns_failed', reason: 'ENOTFOUND' }), null, { ...context, step: 'dns' }),
    ).toBe('Could not find imap.example.com (DNS lookup failed: ENOTFOUND). Check the server name.');
    expect(failureMessage(failure({ code: 'connection_refused', reason: 'ECONNREFUSED' }), null, context)).toBe(
      'imap.example.com:993 refused the connection. Check the port and security setting; the server may not offer IMAP there.',
    );
    expect(
      failureMessage(failure({ code: 'timed_out' }), null, {
        ...context,
        step: 'greeting',
        security: 'starttls',
        port: 143,
      }),
    ).toMatch(
      /^No answer from imap\.example\.com:143 within 15 s \(waiting for the greeting\)\. The port may expect TLS from the start/,
    );
    expect(failureMessage(failure({ code: 'tls_failed', reason: 'wrong version number' }), null, context)).toBe(
      'The TLS handshake with imap.example.com:993 failed (wrong version number): the port may expect STARTTLS instead of TLS, or the reverse. Check the port and security setting.',
    );
    expect(
      failureMessage(failure({ code: 'starttls_missing' }), null, { ...context, port: 143, step: 'starttls' }),
    ).toBe(
      'imap.example.com:143 does not offer STARTTLS, so Letterbox did not send your password. Use port 993 with TLS, or ask your provider.',
    );
  });

  it('offer to pin a self-signed certificate, but not an expired one', () => {
    const selfSigned = failureMessage(
      failure({ code: 'certificate_untrusted', certificateProblem: 'self-signed' }),
      certificate,
      context,
    );
    expect(selfSigned).toContain('is not trusted: self-signed (issuer CN=imap.example.com)');
    expect(selfSigned).toContain(`you can trust exactly this certificate (SHA-256 ${certificate.fingerprint256})`);
    const expired = failureMessage(
      failure({ code: 'certificate_untrusted', certificateProblem: 'expired' }),
      certificate,
      context,
    );
    expect(expired).toContain('it expired on 2020-01-02');
    expect(expired).not.toContain('trust exactly');
  });

  it('quote the server’s refusal and list the SMTP mechanisms', () => {
    const imap = failureMessage(
      failure({ code: 'auth_failed', serverText: 'NO [AUTHENTICATIONFAILED] Authentication failed.' }),
      null,
      { ...context, step: 'auth' },
    );
    expect(imap).toMatch(
      /^The server refused the login: Authentication failed\. Check the username and password; Gmail/,
    );
    const smtp = failureMessage(
      failure({
        code: 'auth_failed',
        serverText: '535 5.7.8 Authentication credentials invalid',
        authMethods: ['PLAIN', 'LOGIN'],
      }),
      null,
      { ...context, protocol: 'smtp', port: 587, step: 'auth' },
    );
    expect(smtp).toContain('refused the login: Authentication credentials invalid.');
    expect(smtp).toContain('(It offers PLAIN, LOGIN.)');
  });
});

describe('redaction', () => {
  it('removes the password and its SASL forms from every text', () => {
    const password = 'correct horse';
    const plain = Buffer.from(`\0ann\0${password}`).toString('base64');
    const result = redactResult(
      {
        server: 'incoming',
        protocol: 'imap',
        host: 'h',
        port: 1,
        ok: false,
        steps: [{ step: 'auth', ok: false, detail: `sent ${plain}` }],
        failure: {
          code: 'auth_failed',
          message: `bad ${password}`,
          serverText: `NO ${password}`,
          certificate: null,
          authMethods: null,
        },
      },
      { username: 'ann', password },
    );
    expect(JSON.stringify(result)).not.toContain(password);
    expect(JSON.stringify(result)).not.toContain(plain);
  });
});

describe('deadline', () => {
  it('stops a race on timeout and runs the cleanups', async () => {
    const deadline = new Deadline(50);
    let cleaned = false;
    deadline.onStop(() => (cleaned = true));
    const error = await deadline.race(new Promise(() => undefined)).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StoppedError);
    expect(deadline.reason).toBe('timeout');
    expect(cleaned).toBe(true);
  });

  it('reports cancellation through the caller’s signal', async () => {
    const controller = new AbortController();
    const deadline = new Deadline(10_000, controller.signal);
    setTimeout(() => controller.abort(), 10);
    await expect(deadline.race(new Promise(() => undefined))).rejects.toMatchObject({ reason: 'cancelled' });
    deadline.dispose();
  });
});

describe('EHLO AUTH mechanisms', () => {
  it('reads both the standard and the old AUTH= form, uppercased', () => {
    expect(ehloAuthMethods('250-mail.example.com\r\n250-AUTH PLAIN login XOAUTH2\r\n250 8BITMIME')).toEqual([
      'PLAIN',
      'LOGIN',
      'XOAUTH2',
    ]);
    expect(ehloAuthMethods('250-mail.example.com\n250-AUTH=LOGIN PLAIN\n250 SIZE')).toEqual(['LOGIN', 'PLAIN']);
    expect(ehloAuthMethods('250-mail.example.com\n250 STARTTLS')).toEqual([]);
  });
});
