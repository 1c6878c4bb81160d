import type { ConnectionOptions, TLSSocket } from 'node:tls';
import type { Security } from '../../../shared/model/account';
import { authenticate, type Pop3Credentials, type Pop3Mechanism } from './auth';
import type { Pop3Connection } from './connection';
import { Pop3ServerError, Pop3StlsUnavailableError } from './errors';
import { parseCapabilities, type Pop3Capabilities } from './response';

export type Pop3SessionStep = 'tls' | 'greeting' | 'starttls' | 'auth';

export interface Pop3SessionOptions {
  security: Security;
  /** From tlsOptionsFor(): used for POP3S and for STLS. */
  tls: ConnectionOptions;
  credentials: Pop3Credentials;
  /** Told about each step as it completes, with a line for the user. */
  onStep?: (step: Pop3SessionStep, detail: string, tlsSocket?: TLSSocket) => void;
}

export interface Pop3Session {
  greeting: string;
  /** After STLS, the list asked for again over TLS; null when the server has no CAPA. */
  capabilities: Pop3Capabilities | null;
  mechanism: Pop3Mechanism;
}

/** CAPA (RFC 2449); a server without it answers -ERR, which means "unknown", not a failure. */
export async function capabilities(connection: Pop3Connection): Promise<Pop3Capabilities | null> {
  try {
    return parseCapabilities((await connection.multiline('CAPA')).content.textLines());
  } catch (error) {
    if (error instanceof Pop3ServerError) return null;
    throw error;
  }
}

/**
 * Takes a freshly opened connection to the transaction state: TLS (POP3S), greeting, CAPA,
 * STLS (RFC 2595) with CAPA again over TLS, then login. On a `starttls` account a server whose
 * CAPA does not list STLS is refused before anything secret is sent.
 */
export async function establishSession(connection: Pop3Connection, options: Pop3SessionOptions): Promise<Pop3Session> {
  const { security, onStep } = options;
  if (security === 'implicit') {
    const socket = await connection.startTls(options.tls);
    onStep?.('tls', `TLS (${socket.getProtocol() ?? 'unknown version'}) established`, socket);
  }
  const greeting = await connection.readGreeting();
  onStep?.('greeting', greeting.line);

  let capa = await capabilities(connection);
  if (security === 'starttls') {
    // Without CAPA the server may still know STLS (RFC 2595 predates CAPA's wide use): trying the
    // command costs nothing secret. With a CAPA that omits it, the answer is already known.
    if (capa && !capa.has('STLS')) throw new Pop3StlsUnavailableError(`CAPA: ${[...capa.keys()].join(' ')}`);
    try {
      await connection.command('STLS');
    } catch (error) {
      if (error instanceof Pop3ServerError) throw new Pop3StlsUnavailableError(error.serverText);
      throw error;
    }
    const socket = await connection.startTls(options.tls);
    onStep?.('starttls', `STLS: TLS (${socket.getProtocol() ?? 'unknown version'}) established`, socket);
    capa = await capabilities(connection);
  }

  const mechanism = await authenticate(connection, options.credentials, capa, {
    greeting: greeting.line,
    encrypted: connection.encrypted,
  });
  onStep?.('auth', `Logged in as ${options.credentials.username} with ${mechanism}`);
  return { greeting: greeting.line, capabilities: capa, mechanism };
}
