import type { Account } from '../../../shared/model/account';
import { Pop3Client } from '../../mail/pop3/client';
import { openPop3 } from '../../mail/pop3/open';
import { establishSession, type Pop3Session } from '../../mail/pop3/session';
import { socketHost, tlsOptionsFor, type TlsTrust } from '../../mail/tls/options';

export interface Pop3SessionDeps {
  trust?: TlsTrust;
  /** Per command (and connect, TLS handshake); default 30 s. */
  timeoutMs?: number;
  pipelineWindow?: number;
}

export interface OpenedPop3 {
  client: Pop3Client;
  session: Pop3Session;
  /** Stops listening to the abort signal (call when done with the connection). */
  release(): void;
}

/**
 * Connects and logs in as the account says: POP3S, or STLS (refused before any credential when
 * the server does not offer it), or plaintext only when the user acknowledged that.
 */
export async function openPop3Account(
  account: Account,
  password: string,
  deps: Pop3SessionDeps,
  signal?: AbortSignal,
): Promise<OpenedPop3> {
  const server = account.incoming;
  if (server.security === 'none' && !account.insecureAcknowledged) {
    throw new Error('This account would send its password unencrypted, which was not acknowledged');
  }
  const tls = tlsOptionsFor({ host: server.host, pinnedCertificate: server.pinnedCertificate }, deps.trust);
  const connection = await openPop3(socketHost(server.host), server.port, { timeoutMs: deps.timeoutMs });
  const abort = (): void => connection.close();
  signal?.addEventListener('abort', abort, { once: true });
  try {
    signal?.throwIfAborted();
    const session = await establishSession(connection, {
      security: server.security,
      tls,
      credentials: { username: server.username, password, method: server.authMethod },
    });
    return {
      session,
      release: () => signal?.removeEventListener('abort', abort),
      client: new Pop3Client(connection, { capabilities: session.capabilities, pipelineWindow: deps.pipelineWindow }),
    };
  } catch (error) {
    signal?.removeEventListener('abort', abort);
    connection.close();
    throw error;
  }
}
