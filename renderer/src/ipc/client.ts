import { AppError } from '../../../shared/errors';
import type { ChannelName, EventName } from '../../../shared/ipc/channels';
import type { ChannelInput, ChannelOutput, EventPayload } from '../../../shared/ipc/contract';

/**
 * The renderer's only way to main. Envelopes are unwrapped here so feature code (and React
 * Query) sees ordinary resolved values and thrown errors, while the error code survives as an
 * AppError for the UI to branch on.
 */
export async function call<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const envelope = await window.mail.invoke(channel, input);
  if (envelope.ok) return envelope.value;
  throw new AppError(envelope.error.code, envelope.error.message);
}

export function subscribe<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
  return window.mail.on(event, listener);
}

/** A sentence for the user from anything a query or mutation threw. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error && error.message !== '') return error.message;
  return 'Something went wrong talking to Letterbox.';
}
