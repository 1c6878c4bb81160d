import { ImapFlow, type Logger } from 'imapflow';
import type { Account } from '../../../shared/model/account';
import { socketHost, tlsOptionsFor, type TlsTrust } from '../tls/options';
import { ImapSessionError, toSessionError } from './errors';

const LOGIN_METHOD = { auto: undefined, plain: 'AUTH=PLAIN', login: 'LOGIN' } as const;

export interface ImapSessionOptions {
  trust?: TlsTrust;
  /** QRESYNC where the server offers it; false is the per-account/provider off switch. */
  qresync?: boolean;
  /**
   * Told the name of every command sent ("SELECT", "UID FETCH", …) and nothing else, so even a
   * mistake in imapflow's masking could not leak a password through it.
   */
  onCommand?: (name: string) => void;
  connectTimeoutMs?: number;
  /** Inactivity limit for a running command; a dead server is noticed after this. */
  socketTimeoutMs?: number;
}

/** An authenticated connection plus what the server agreed to. */
export interface ImapSession {
  client: ImapFlow;
  condstore: boolean;
  qresync: boolean;
  /** OBJECTID or X-GM-EXT-1: the server gives thread ids. */
  serverThreads: boolean;
  close(): Promise<void>;
}

/**
 * Opens and logs in: TLS always verified through tlsOptionsFor (pinning included), STARTTLS
 * required for `starttls` (imapflow's doSTARTTLS refuses a server without it before sending the
 * password), CONDSTORE enabled by imapflow when offered, QRESYNC when asked for and offered.
 */
export async function openImapSession(
  account: Account,
  password: string | null,
  options: ImapSessionOptions = {},
): Promise<ImapSession> {
  const server = account.incoming;
  if (server.protocol !== 'imap')
    throw new ImapSessionError('not_imap', `${account.displayName} is not an IMAP account.`);
  if (password === null)
    throw new ImapSessionError(
      'no_password',
      `No saved password for ${account.displayName}; edit the account to enter it.`,
    );
  const tls = tlsOptionsFor(server, options.trust ?? {});
  const client = new ImapFlow({
    host: socketHost(server.host),
    port: server.port,
    secure: server.security === 'implicit',
    ...(server.security === 'implicit' ? {} : { doSTARTTLS: server.security === 'starttls' }),
    auth: { user: server.username, pass: password, loginMethod: LOGIN_METHOD[server.authMethod] },
    tls,
    logger: options.onCommand ? commandLogger(options.onCommand) : false,
    qresync: (options.qresync ?? true) && account.imap.qresync,
    disableAutoIdle: true,
    connectionTimeout: options.connectTimeoutMs ?? 30_000,
    greetingTimeout: options.connectTimeoutMs ?? 30_000,
    socketTimeout: options.socketTimeoutMs ?? 120_000,
  });
  // Failures reject the running command or connect(); without a listener 'error' would throw.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    client.close();
    throw toSessionError(error, account);
  }
  const enabled = client.enabled;
  return {
    client,
    condstore: enabled.has('CONDSTORE') || enabled.has('QRESYNC'),
    qresync: enabled.has('QRESYNC'),
    serverThreads: client.capabilities.has('OBJECTID') || client.capabilities.has('X-GM-EXT-1'),
    close: async () => {
      try {
        await client.logout();
      } catch {
        client.close(); // already broken: just drop the socket
      }
    },
  };
}

/** A logger that keeps only the command names imapflow logs at debug level. */
function commandLogger(onCommand: (name: string) => void): Logger {
  const ignore = (): void => undefined;
  return {
    debug(entry: unknown) {
      if (typeof entry !== 'object' || entry === null) return;
      const { src, msg } = entry as { src?: unknown; msg?: unknown };
      if (src !== 'c' || typeof msg !== 'string') return;
      const match = /^\S+ (UID \S+|\S+)/.exec(msg);
      if (match?.[1]) onCommand(match[1].toUpperCase());
    },
    info: ignore,
    warn: ignore,
    error: ignore,
  };
}
