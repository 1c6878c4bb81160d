import { explainLocalError } from './explain-local';
import { parseReply } from './reply';

/** Enhanced status codes (RFC 3463) with wording of their own, most specific first. */
const BY_ENHANCED: readonly [RegExp, string][] = [
  [
    /^5\.1\.1$/,
    'The receiving server does not know this address: the mailbox does not exist there. Check the spelling of the address.',
  ],
  [
    /^5\.1\.(2|10)$/,
    'The domain of this address does not exist or does not receive mail (no mail server is listed for it). Check the part after the @.',
  ],
  [/^5\.1\.3$/, 'The address is not written correctly (its syntax is invalid). Check it for typos.'],
  [
    /^5\.1\.[78]$/,
    "The server refused the sender's address or its domain. Check the address you send from and that its domain has working DNS records.",
  ],
  [/^5\.1\.\d+$/, 'The server refused this address. Check that it is spelled correctly and that its domain exists.'],
  [/^5\.2\.2$/, "The recipient's mailbox is full, so it cannot take more mail. The recipient has to make room first."],
  [/^4\.2\.2$/, "The recipient's mailbox is full for now. Letterbox tries again later, in case room is made."],
  [/^5\.2\.1$/, "The recipient's mailbox is disabled and does not accept mail."],
  [
    /^5\.(3\.4|2\.3)$/,
    'The message is larger than the server accepts. Send smaller attachments, or share large files by link.',
  ],
  [
    /^5\.7\.(8|9)$/,
    'The server refused the login: the user name or password is wrong, or the account needs an app password. Check the account settings.',
  ],
  [/^5\.7\.0$/, 'The server refused this for security reasons; often it requires you to log in first.'],
  [
    /^5\.7\.1$/,
    'The server refused this message by policy: it may not relay for you (sending from an address or to a domain it does not serve), or it judged the message to be spam. Check the sender address matches this account.',
  ],
  [
    /^5\.7\.(23|25|26|27)$/,
    "The receiving server refused the message because the sender domain's SPF, DKIM or DMARC check failed. The domain's DNS records need fixing.",
  ],
  [/^5\.7\.\d+$/, 'The server refused this for security or policy reasons.'],
  [
    /^4\.7\.\d+$/,
    'The server asked to try again later; Letterbox retries automatically. (Often this is "greylisting", a spam defence that delays the first message from a new sender.)',
  ],
  [/^4\.5\.3$/, 'The server accepts fewer recipients per message; Letterbox tries again later.'],
  [/^4\.4\.\d+$/, 'The server could not reach the next server on the way; Letterbox retries automatically.'],
];

/** Reply codes (RFC 5321) for servers that send no enhanced code, or one without a wording above. */
const BY_CODE: Readonly<Record<number, string>> = {
  421: 'The server is closing the connection for now (it may be busy or restarting); Letterbox retries automatically.',
  450: 'The mailbox is unavailable for now (it may be busy or locked); Letterbox retries automatically.',
  451: 'The server had a temporary problem while handling the message; Letterbox retries automatically.',
  452: 'The server is short of storage or takes fewer recipients for now; Letterbox retries automatically.',
  454: 'The server could not log you in or start encryption just now; Letterbox retries automatically.',
  500: 'The server did not understand a command. This is a problem between Letterbox and this server.',
  501: 'The server refused the form of an address or a command.',
  502: 'The server does not support a command Letterbox needs.',
  503: 'The server refused a command in that order; usually it requires you to log in first.',
  504: 'The server does not support this login method. Choose another authentication method for the account.',
  530: 'The server requires you to log in before sending. Check that the account has a user name and password for outgoing mail.',
  534: 'The server wants a stronger login method (for some providers, an app password or OAuth).',
  535: 'The server refused the login: the user name or password is wrong, or the account needs an app password. Check the account settings.',
  538: 'The server only allows this login over an encrypted connection.',
  550: 'The server refused this: the mailbox is unavailable, does not exist, or the server may not deliver there for you.',
  551: 'The recipient is not local to this server, and it will not forward to them.',
  552: 'The message is larger than the server accepts (or the mailbox is over its storage limit). Send smaller attachments, or share large files by link.',
  553: 'The server refused the address as not allowed or badly written. Check the address and that you send from an address of this account.',
  554: 'The server refused the message (the transaction failed). Often this is a spam or policy decision; the server text says more.',
  555: 'The server refused a parameter of the envelope (for instance the size or body type).',
};

function byClass(code: number): string {
  if (code >= 400 && code < 500) return 'The server had a temporary problem; Letterbox retries automatically.';
  if (code >= 500) return 'The server refused this permanently; the server text says why.';
  return 'The server replied in a way Letterbox did not expect.';
}

/**
 * Plain language for a server reply, for people who run their own domain. `code` and `enhanced`
 * are taken from `text` when not given. With no reply code at all, `text` is read as a local
 * error code (ECONNREFUSED, a certificate error, …), since that is what failed instead.
 */
export function explainSmtpReply(code: number | null, enhanced: string | null, text: string | null): string {
  const parsed = text ? parseReply(text) : null;
  const replyCode = code ?? parsed?.code ?? null;
  const status = enhanced ?? parsed?.enhanced ?? null;
  if (replyCode === null) return explainLocalError(text);
  // A reply's class decides; an enhanced code that contradicts it (a 550 with 4.x.x) is ignored.
  if (status && status[0] === String(replyCode)[0]) {
    const found = BY_ENHANCED.find(([pattern]) => pattern.test(status));
    if (found) return found[1];
  }
  return BY_CODE[replyCode] ?? byClass(replyCode);
}
