import nodemailer from 'nodemailer';
import { field } from '../error-fields';
import { NODEMAILER_AUTH_METHOD, smtpSecurityOptions } from '../smtp/options';
import { VerifyStepError } from './errors';
import type { SessionContext } from './run';
import { SmtpTranscript } from './smtp-log';

/**
 * SMTP: nodemailer's verify() over the socket the runner connected (`getSocket`), with
 * `requireTLS` for STARTTLS so a server that does not offer it is refused before AUTH, and
 * `forceAuth` so a server that advertises no AUTH still has the credentials tested instead of
 * verify() passing without a login.
 */
export async function smtpSession(context: SessionContext): Promise<void> {
  const { socket, server, trace, deadline, tls } = context;
  const transcript = new SmtpTranscript(trace, context.tlsDetail, context.username);
  const waitMs = deadline.remainingMs() + 1000; // nodemailer's timers only as a backstop
  const transporter = nodemailer.createTransport({
    ...smtpSecurityOptions(server),
    tls,
    auth: { user: context.username, pass: context.password },
    authMethod: NODEMAILER_AUTH_METHOD[server.authMethod],
    forceAuth: true,
    getSocket: (_options, callback) => callback(null, { connection: socket }),
    logger: transcript.logger,
    transactionLog: true,
    connectionTimeout: waitMs,
    greetingTimeout: waitMs,
    socketTimeout: waitMs,
  });
  try {
    await transporter.verify();
  } catch (error) {
    throw translate(error, transcript);
  } finally {
    transporter.close();
    // Known after any EHLO, even one whose login then failed: compose warns with it.
    if (transcript.sizeLimit !== undefined) context.onSizeLimit?.(transcript.sizeLimit);
  }
  trace.ok('done', 'Logged out (QUIT)');
}

function translate(error: unknown, transcript: SmtpTranscript): unknown {
  const response = typeof field(error, 'response') === 'string' ? (field(error, 'response') as string) : null;
  const code = field(error, 'code');
  // With requireTLS nodemailer sends STARTTLS even when EHLO did not list it; the refusal ends here.
  if (code === 'ETLS' && field(error, 'command') === 'STARTTLS' && response) {
    return new VerifyStepError('starttls_missing', 'STARTTLS refused', {
      serverText: response,
      step: 'starttls',
      variant: transcript.offeredStarttls ? 'refused' : 'not-offered',
    });
  }
  if (code === 'EAUTH') {
    return new VerifyStepError('auth_failed', response ?? 'authentication failed', {
      serverText: response,
      step: 'auth',
      authMethods: transcript.authMethods,
    });
  }
  if ((code === 'EPROTOCOL' || code === 'ECONNECTION') && response && !/^[245]\d\d/.test(response)) {
    return new VerifyStepError('protocol_error', 'not an SMTP reply', { serverText: response });
  }
  return error;
}
