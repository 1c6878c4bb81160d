import { Pop3Connection } from '../pop3/connection';
import { establishSession } from '../pop3/session';
import type { SessionContext } from './run';

/** POP3 with our own client: greeting, CAPA, STLS, SASL PLAIN or USER/PASS, QUIT. */
export async function pop3Session(context: SessionContext): Promise<void> {
  const { socket, server, trace, deadline, tls } = context;
  const connection = new Pop3Connection(socket, { timeoutMs: deadline.remainingMs() + 1000 });
  deadline.onStop(() => connection.close());
  try {
    await establishSession(connection, {
      security: server.security,
      tls,
      credentials: { username: context.username, password: context.password, method: server.authMethod },
      onStep: (step, detail) => trace.ok(step, step === 'tls' || step === 'starttls' ? context.tlsDetail() : detail),
    });
    await connection.quit();
    trace.ok('done', 'Logged out (QUIT)');
  } finally {
    connection.close();
  }
}
