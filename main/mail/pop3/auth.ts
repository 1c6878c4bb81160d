import { createHash } from 'node:crypto';
import type { AuthMethod } from '../../../shared/model/account';
import type { Pop3Connection } from './connection';
import { Pop3AuthError, Pop3ServerError } from './errors';
import { saslMechanisms, type Pop3Capabilities } from './response';

/** RFC 2449 §4: a command line is at most 255 octets including CRLF. */
const MAX_COMMAND_OCTETS = 255;

export type Pop3Mechanism = 'SASL PLAIN' | 'USER/PASS' | 'APOP';

export interface Pop3Credentials {
  username: string;
  password: string;
  /** auto: SASL PLAIN when CAPA lists it, else USER/PASS; plain: SASL PLAIN; login: USER/PASS. */
  method: AuthMethod;
  /** Use APOP whenever the greeting offers it (RFC 1939 §7), even over TLS. */
  apop?: boolean;
}

/** What the session knows when it logs in: the greeting (for APOP) and whether TLS is up. */
export interface Pop3AuthContext {
  greeting: string;
  encrypted: boolean;
}

/** The `<…@…>` timestamp of an APOP-capable greeting (RFC 1939 §7), or null. */
export function apopTimestamp(greeting: string): string | null {
  return /<[^<>\s]+@[^<>\s]+>/.exec(greeting)?.[0] ?? null;
}

/** MD5 of timestamp + shared secret, lowercase hex (RFC 1939 §7). */
export function apopDigest(timestamp: string, password: string): string {
  return createHash('md5')
    .update(timestamp + password, 'utf8')
    .digest('hex');
}

/**
 * APOP when the account asks for it, or as the fallback on a connection without TLS (only
 * possible when the user explicitly allowed plaintext): MD5 is weak, but it beats sending the
 * password itself in the clear. Over TLS, PLAIN is stronger than APOP (the server can store a
 * salted hash; APOP forces it to keep the password), so APOP is never chosen there by default.
 */
export function wantsApop(credentials: Pop3Credentials, context: Pop3AuthContext | undefined): string | null {
  const timestamp = context ? apopTimestamp(context.greeting) : null;
  if (!timestamp) return null;
  return credentials.apop === true || !context?.encrypted ? timestamp : null;
}

export function chooseMechanism(method: AuthMethod, capabilities: Pop3Capabilities | null): Pop3Mechanism {
  if (method === 'plain') return 'SASL PLAIN';
  if (method === 'login') return 'USER/PASS';
  return saslMechanisms(capabilities).includes('PLAIN') ? 'SASL PLAIN' : 'USER/PASS';
}

/** A -ERR here is about the credentials (or the mechanism): say so in the error's type. */
async function refusedAsAuth<T>(action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    if (error instanceof Pop3ServerError && !(error instanceof Pop3AuthError)) {
      throw new Pop3AuthError(error.command, error.serverText, error.responseCode);
    }
    throw error;
  }
}

/** SASL PLAIN (RFC 4616) through AUTH (RFC 5034), with the initial response when it fits on the line. */
async function saslPlain(connection: Pop3Connection, username: string, password: string): Promise<void> {
  const response = Buffer.from(`\0${username}\0${password}`, 'utf8').toString('base64');
  const verb = 'AUTH PLAIN';
  if (`AUTH PLAIN ${response}\r\n`.length <= MAX_COMMAND_OCTETS) {
    const status = await connection.command(`AUTH PLAIN ${response}`, verb);
    // A server that ignores the initial response asks again; answering with it is what RFC 5034 §4 allows.
    if (status.kind === 'continue') await connection.command(response, verb);
    return;
  }
  const challenge = await connection.command('AUTH PLAIN', verb);
  if (challenge.kind !== 'continue') throw new Pop3AuthError(verb, challenge.line, null);
  const status = await connection.command(response, verb);
  if (status.kind === 'continue') {
    // A second challenge has no place in PLAIN: cancel the exchange (RFC 5034 §4, "*").
    await connection.command('*', verb).catch(() => undefined);
    throw new Pop3AuthError(verb, status.line, null);
  }
}

/** Logs in; resolves with the mechanism used. Wrong credentials reject with Pop3AuthError (the server's words). */
export async function authenticate(
  connection: Pop3Connection,
  credentials: Pop3Credentials,
  capabilities: Pop3Capabilities | null,
  context?: Pop3AuthContext,
): Promise<Pop3Mechanism> {
  const timestamp = wantsApop(credentials, context);
  if (timestamp) {
    const digest = apopDigest(timestamp, credentials.password);
    try {
      await refusedAsAuth(() => connection.command(`APOP ${credentials.username} ${digest}`, 'APOP'));
      return 'APOP';
    } catch (error) {
      // As a fallback on an already-plaintext connection the user allowed, a server that shows a
      // timestamp but cannot do APOP for this user still gets the login the user agreed to.
      if (credentials.apop === true || !(error instanceof Pop3AuthError)) throw error;
    }
  }
  const mechanism = chooseMechanism(credentials.method, capabilities);
  await refusedAsAuth(async () => {
    if (mechanism === 'SASL PLAIN') return saslPlain(connection, credentials.username, credentials.password);
    await connection.command(`USER ${credentials.username}`, 'USER');
    await connection.command(`PASS ${credentials.password}`, 'PASS');
  });
  return mechanism;
}
