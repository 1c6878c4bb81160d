import { AppError } from '../../shared/errors';
import type { ChannelOutput, ChannelParsedInput } from '../../shared/ipc/contract';
import type { AutoconfigSource, AutoconfigStep } from '../../shared/model/setup';
import { readPasswords } from '../accounts/credentials';
import { rememberSmtpSizeLimit } from '../store/smtp-size-limits';
import { getAccount } from './accounts';
import type { AppContext } from './context';

/** Setup requests in flight, so a window can cancel the one it started. */
export class SetupRequests {
  private readonly running = new Map<string, AbortController>();

  async run<T>(requestId: string, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    if (this.running.has(requestId)) throw new AppError('invalid_input', 'That setup request is already running.');
    const controller = new AbortController();
    this.running.set(requestId, controller);
    try {
      return await work(controller.signal);
    } finally {
      this.running.delete(requestId);
    }
  }

  cancel(requestId: string): boolean {
    const controller = this.running.get(requestId);
    controller?.abort();
    return controller !== undefined;
  }
}

export async function discover(
  ctx: AppContext,
  requests: SetupRequests,
  { requestId, email }: ChannelParsedInput<'setup:discover'>,
): Promise<ChannelOutput<'setup:discover'>> {
  // The latest report per source, in the order the sources were tried.
  const steps = new Map<AutoconfigSource, AutoconfigStep>();
  const config = await requests.run(requestId, (signal) =>
    ctx.probes.discover(email, {
      signal,
      onStep: (step) => {
        steps.set(step.source, step);
        ctx.bus.emit('setup:progress', { requestId, step });
      },
    }),
  );
  return { config, steps: [...steps.values()] };
}

/** Logs in to both servers with the settings as given; a null password means the saved one. */
export async function verify(
  ctx: AppContext,
  requests: SetupRequests,
  input: ChannelParsedInput<'setup:verify'>,
): Promise<ChannelOutput<'setup:verify'>> {
  const { account } = input;
  const saved = account.id === null ? null : await readPasswords(ctx.secrets, getAccount(ctx, account.id));
  const password = input.password ?? saved?.incoming ?? null;
  if (password === null) throw new AppError('invalid_input', 'Enter the password to check the account.');
  const outgoing = account.outgoing.sameCredentialsAsIncoming
    ? { username: account.incoming.username, password }
    : { username: account.outgoing.username, password: input.outgoingPassword ?? saved?.outgoing ?? password };
  return requests.run(input.requestId, async (signal) => {
    const [incomingResult, outgoingResult] = await Promise.all([
      ctx.probes.verifyIncoming(account.incoming, password, { signal }),
      ctx.probes.verifyOutgoing(account.outgoing, outgoing, {
        signal,
        onSizeLimit: (limit) => rememberSmtpSizeLimit(ctx.store.db, account.outgoing, limit),
      }),
    ]);
    return { incoming: incomingResult, outgoing: outgoingResult };
  });
}
