import { describe, expect, it } from 'vitest';
import { explainSmtpReply } from '../../../main/mail/smtp';

describe('explainSmtpReply', () => {
  it.each<[string, number | null, string | null, string | null, RegExp]>([
    ['unknown recipient', 550, '5.1.1', 'User unknown', /does not know this address/],
    ['bad destination domain', 550, '5.1.2', 'Host not found', /domain of this address does not exist/],
    ['null MX domain', 556, '5.1.10', 'Domain does not accept mail', /domain of this address does not exist/],
    ['other address problem', 550, '5.1.6', 'Mailbox moved', /refused this address/],
    ['mailbox full', 552, '5.2.2', 'Mailbox full', /mailbox is full/],
    ['mailbox full for now', 452, '4.2.2', 'Over quota', /full for now.*tries again/],
    ['message too big (enhanced)', 552, '5.3.4', 'Message too big', /larger than the server accepts/],
    ['message too big (552 alone)', 552, null, 'Message exceeds size limit', /larger than the server accepts/],
    ['relay denied', 554, '5.7.1', 'Relay access denied', /refused this message by policy.*relay/],
    ['spam', 550, '5.7.1', 'Message rejected as spam', /judged the message to be spam/],
    ['authentication failed (5.7.8)', 535, '5.7.8', 'Authentication failed', /user name or password is wrong/],
    ['authentication failed (535 alone)', 535, null, 'Bad credentials', /user name or password is wrong/],
    ['greylisting', 451, '4.7.1', 'Greylisted', /try again later; Letterbox retries automatically/],
    ['greylisting at RCPT', 450, '4.7.0', 'Try later', /try again later; Letterbox retries automatically/],
    ['450 generic', 450, null, 'Mailbox busy', /unavailable for now.*retries automatically/],
    ['451 generic', 451, null, 'Local error', /temporary problem.*retries automatically/],
    ['452 generic', 452, null, 'Insufficient storage', /short of storage.*retries automatically/],
    ['421', 421, null, 'Service not available', /closing the connection.*retries automatically/],
    ['554 transaction failed', 554, null, 'Transaction failed', /transaction failed/],
    ['530 authentication required', 530, '5.7.0', 'Authentication required', /log in/],
    ['530 alone', 530, null, 'Must authenticate first', /requires you to log in/],
    ['an unknown 4xx', 499, null, 'Whatever', /temporary problem/],
    ['an unknown 5xx', 599, null, 'Whatever', /refused this permanently/],
  ])('%s', (_name, code, enhanced, text, expected) => {
    expect(explainSmtpReply(code, enhanced, text)).toMatch(expected);
  });

  it('reads the codes out of the text when they are not given', () => {
    expect(explainSmtpReply(null, null, '550 5.1.1 <x@y.test>: User unknown')).toMatch(/does not know this address/);
    expect(explainSmtpReply(null, null, '451 4.7.1 Greylisted')).toMatch(/Letterbox retries automatically/);
  });

  it('ignores an enhanced code of another class than the reply', () => {
    expect(explainSmtpReply(550, '4.7.1', 'odd')).toMatch(/mailbox is unavailable/);
  });

  it.each([
    ['ECONNREFUSED', /refused the connection/],
    ['ETIMEDOUT', /did not answer in time/],
    ['SOCKET_TIMEOUT', /did not answer in time/],
    ['ENOTFOUND', /could not be found in DNS/],
    ['ECONNRESET', /cut off/],
    ['connect ECONNREFUSED 127.0.0.1:25', /refused the connection/],
  ])('network error %s', (code, expected) => {
    expect(explainSmtpReply(null, null, code)).toMatch(expected);
  });

  it.each([
    ['DEPTH_ZERO_SELF_SIGNED_CERT', /self-signed/],
    ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', /unknown authority/],
    ['CERT_HAS_EXPIRED', /expired/],
    ['ERR_TLS_CERT_ALTNAME_INVALID', /issued for another name/],
    ['ERR_LETTERBOX_CERT_PIN_MISMATCH', /different certificate from the one you chose to trust/],
    ['ERR_SSL_WRONG_VERSION_NUMBER', /TLS failed/],
  ])('certificate or TLS error %s', (code, expected) => {
    const text = explainSmtpReply(null, null, code);
    expect(text).toMatch(expected);
  });
});
