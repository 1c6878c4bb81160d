import type { IncomingServer, OutgoingServer } from '../../../shared/model/account';
import type { VerifyResult } from '../../../shared/model/setup';
import { imapSession } from './imap';
import { pop3Session } from './pop3';
import { runVerification, type VerifyOptions } from './run';
import { smtpSession } from './smtp';

export type { VerifyOptions } from './run';

/**
 * Checks an incoming server the way the account will use it (host, port, security, login) and
 * says precisely what failed and what to do. Never throws; the password appears in no text of
 * the result. `none` security is used only when given — nothing here picks it.
 */
export function verifyIncoming(
  server: IncomingServer,
  password: string,
  options: VerifyOptions = {},
): Promise<VerifyResult> {
  const session = server.protocol === 'imap' ? imapSession : pop3Session;
  return runVerification(
    { kind: 'incoming', protocol: server.protocol, server, username: server.username, password, options },
    session,
  );
}

/** The same for the SMTP server, with its own credentials (the incoming ones when they are shared). */
export function verifyOutgoing(
  server: OutgoingServer,
  credentials: { username: string; password: string },
  options: VerifyOptions = {},
): Promise<VerifyResult> {
  return runVerification(
    {
      kind: 'outgoing',
      protocol: 'smtp',
      server,
      username: credentials.username,
      password: credentials.password,
      options,
    },
    smtpSession,
  );
}
