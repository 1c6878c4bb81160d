import type { Socket } from 'node:net';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import { ImapFlow, type ImapTransport, type ImapTransportSocket } from 'imapflow';
import type { AuthMethod } from '../../../shared/model/account';
import { socketHost } from '../tls/options';
import { VerifyStepError } from './errors';
import type { SessionContext } from './run';

const LOGIN_METHOD: Record<AuthMethod, string | undefined> = {
  auto: undefined, // imapflow: AUTHENTICATE PLAIN, then LOGIN mechanism, then the LOGIN command
  plain: 'AUTH=PLAIN',
  login: 'LOGIN', // the IMAP LOGIN command, IMAP's plain "user and password"
};

/** Calls `onLine` with the first line the server sends (the greeting), then stops listening. */
function tapFirstLine(socket: ImapTransportSocket, onLine: (line: string) => void): void {
  let seen = '';
  const listener = (chunk: Buffer): void => {
    seen += chunk.toString('latin1');
    const end = seen.indexOf('\n');
    if (end < 0 && seen.length < 1024) return;
    socket.off('data', listener);
    onLine((end < 0 ? seen : seen.slice(0, end)).trim());
  };
  socket.on('data', listener);
}

/**
 * IMAP: imapflow over the socket the runner connected, through imapflow's `transport` hook so
 * each step (TLS, greeting, STARTTLS) is seen when it happens. `doSTARTTLS: true` makes
 * imapflow refuse a server without STARTTLS before LOGIN/AUTHENTICATE; `verifyOnly` logs out
 * right after logging in.
 */
export async function imapSession(context: SessionContext): Promise<void> {
  const { socket, server, trace, deadline, tls } = context;
  let upgradeStarted = false;
  let wrongGreeting: string | null = null;

  // Runs once imapflow's own onConnect has piped the socket to its parser; the greeting bytes
  // still waiting in the socket reach this listener too.
  const watchGreeting = (connected: ImapTransportSocket): void =>
    tapFirstLine(connected, (line) => {
      if (/^\* (OK|PREAUTH)\b/i.test(line)) return trace.ok('greeting', line);
      wrongGreeting = line;
      client.close();
    });

  const transport: ImapTransport = {
    connect(options, onConnect) {
      if (!options.secure) {
        setImmediate(() => (onConnect(), watchGreeting(socket)));
        return socket;
      }
      const secure: TLSSocket = tlsConnect({ ...tls, socket }, () => {
        trace.ok('tls', context.tlsDetail());
        onConnect();
        watchGreeting(secure);
      });
      secure.on('error', () => undefined); // imapflow has its own listener; this one outlives its close()
      return secure;
    },
    upgrade(plain, _options, onSecure) {
      upgradeStarted = true;
      plain.on('error', () => undefined); // errors surface on the TLS socket, which imapflow watches
      const secure: TLSSocket = tlsConnect({ ...tls, socket: plain as Socket }, () => {
        trace.ok('starttls', context.tlsDetail());
        onSecure();
      });
      secure.on('error', () => undefined);
      return secure;
    },
  };

  const waitMs = deadline.remainingMs() + 1000; // imapflow's own timers only as a backstop
  const client = new ImapFlow({
    host: socketHost(server.host),
    port: server.port,
    secure: server.security === 'implicit',
    ...(server.security === 'implicit' ? {} : { doSTARTTLS: server.security === 'starttls' }),
    auth: { user: context.username, pass: context.password, loginMethod: LOGIN_METHOD[server.authMethod] },
    tls,
    transport,
    logger: false,
    verifyOnly: true,
    disableAutoIdle: true,
    connectionTimeout: waitMs,
    greetingTimeout: waitMs,
    socketTimeout: waitMs,
  });
  client.on('error', () => undefined); // the same failure rejects connect()
  deadline.onStop(() => client.close());

  try {
    await client.connect();
  } catch (error) {
    throw translate(error, { upgradeStarted, wrongGreeting, starttls: server.security === 'starttls' });
  }
  trace.ok('auth', `Logged in as ${context.username}`);
  trace.ok('done', 'Logged out');
}

function field(error: unknown, name: string): unknown {
  return typeof error === 'object' && error !== null ? (error as Record<string, unknown>)[name] : undefined;
}

/** imapflow's ways of saying "no STARTTLS" and "not an IMAP server", as our own errors. */
function translate(
  error: unknown,
  seen: { upgradeStarted: boolean; wrongGreeting: string | null; starttls: boolean },
): unknown {
  if (seen.wrongGreeting !== null) {
    return new VerifyStepError('protocol_error', 'not an IMAP greeting', {
      serverText: seen.wrongGreeting,
      step: 'greeting',
    });
  }
  // imapflow marks a missing STARTTLS with tlsFailed and no code; a failed handshake would have
  // gone through transport.upgrade first.
  if (
    seen.starttls &&
    !seen.upgradeStarted &&
    field(error, 'tlsFailed') === true &&
    field(error, 'code') === undefined
  ) {
    return new VerifyStepError('starttls_missing', error instanceof Error ? error.message : 'no STARTTLS', {
      step: 'starttls',
    });
  }
  return error;
}
