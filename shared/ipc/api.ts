import type { ChannelName, EventName } from './channels';
import type { ChannelInput, ChannelOutput, EventPayload } from './contract';
import type { Envelope } from './envelope';

/**
 * `window.mail`: the whole surface the renderer has. The Electron preload and the browser-shell
 * bridge are both checked against this one type with `satisfies`.
 */
export interface MailApi {
  invoke<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<Envelope<ChannelOutput<C>>>;
  /** Returns a function that removes the listener. */
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}
