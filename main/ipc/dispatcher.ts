import type { z } from 'zod';
import { AppError, type ErrorInfo } from '../../shared/errors';
import { isChannelName, type ChannelName } from '../../shared/ipc/channels';
import { contract, type ChannelOutput, type ChannelParsedInput } from '../../shared/ipc/contract';
import type { Envelope } from '../../shared/ipc/envelope';

export interface CallContext {
  transport: 'electron' | 'web' | 'cli' | 'test';
}

export type Handlers = {
  [C in ChannelName]: (input: ChannelParsedInput<C>, ctx: CallContext) => Promise<ChannelOutput<C>> | ChannelOutput<C>;
};

export interface Dispatcher {
  /** Never throws: every failure comes back as `{ ok: false, error }`. */
  dispatch(channel: unknown, input: unknown, ctx: CallContext): Promise<Envelope<unknown>>;
}

export interface DispatcherOptions {
  /** Told about unexpected failures (with the stack), which the caller only sees as `internal`. */
  onInternalError?: (channel: string, error: unknown) => void;
}

/**
 * Transport-agnostic: Electron's ipcMain, the browser shell's WebSocket and tests all call
 * `dispatch`. This is the trust boundary, so the channel name and input are `unknown` here.
 */
export function createDispatcher(handlers: Handlers, options: DispatcherOptions = {}): Dispatcher {
  return {
    async dispatch(channel, input, ctx) {
      if (!isChannelName(channel)) {
        return fail({ code: 'unknown_channel', message: `Unknown request "${describe(channel)}".` });
      }
      const spec = contract.channels[channel];
      const parsed = spec.input.safeParse(input);
      if (!parsed.success) {
        return fail({ code: 'invalid_input', message: `Invalid request for ${channel}: ${summarize(parsed.error)}` });
      }
      try {
        const handler = handlers[channel] as (i: unknown, c: CallContext) => unknown;
        const result = await handler(parsed.data, ctx);
        // A handler returning something off-contract is our bug; catch it here, not in the UI.
        const output = (spec.output as z.ZodType).parse(result);
        return { ok: true, value: output };
      } catch (error) {
        if (error instanceof AppError) return fail(error.toInfo());
        options.onInternalError?.(channel, error);
        return fail({
          code: 'internal',
          message: `Letterbox hit an internal error while handling ${channel}. Nothing was changed; details are in the log.`,
        });
      }
    },
  };
}

function fail(error: ErrorInfo): Envelope<never> {
  return { ok: false, error };
}

function describe(value: unknown): string {
  return typeof value === 'string' ? value.slice(0, 80) : typeof value;
}

function summarize(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : 'input'}: ${issue.message}`)
    .join('; ');
}
