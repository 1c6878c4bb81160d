import { describe, expect, it, vi } from 'vitest';
import { AppError } from '../../shared/errors';
import { CHANNELS } from '../../shared/ipc/channels';
import { channelExamples } from '../../shared/ipc/examples';
import { createDispatcher, type Handlers } from '../../main/ipc/dispatcher';

const ctx = { transport: 'test' } as const;

function handlers(overrides: Partial<Handlers> = {}): Handlers {
  // Every channel answers its contract example unless a test overrides it.
  const base = Object.fromEntries(
    CHANNELS.map((channel) => [channel, () => channelExamples[channel].output]),
  ) as unknown as Handlers;
  return { ...base, ...overrides };
}

describe('dispatcher', () => {
  it('answers a valid call with the handler output', async () => {
    const dispatcher = createDispatcher(handlers());
    expect(await dispatcher.dispatch('accounts:list', {}, ctx)).toEqual({
      ok: true,
      value: channelExamples['accounts:list'].output,
    });
  });

  it('passes the parsed input, with defaults filled in, to the handler', async () => {
    const seen = vi.fn(() => channelExamples['messages:list'].output);
    await createDispatcher(handlers({ 'messages:list': seen })).dispatch(
      'messages:list',
      { source: { kind: 'unified', specialUse: 'inbox' } },
      ctx,
    );
    expect(seen).toHaveBeenCalledWith(
      {
        source: { kind: 'unified', specialUse: 'inbox' },
        limit: 100,
        cursor: null,
        sort: 'date',
        conversations: false,
        offset: null,
      },
      ctx,
    );
  });

  it.each([['nope:nothing'], [42], [null], ['__proto__']])('refuses unknown channel %j', async (channel) => {
    const result = await createDispatcher(handlers()).dispatch(channel, {}, ctx);
    expect(result).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
  });

  it('refuses an input that fails its schema without calling the handler', async () => {
    const handler = vi.fn();
    const dispatcher = createDispatcher(handlers({ 'mailboxes:list': handler }));
    const result = await dispatcher.dispatch('mailboxes:list', { accountId: 7 }, ctx);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(result.ok || result.error.message).toContain('accountId');
    expect(handler).not.toHaveBeenCalled();
  });

  it('maps an AppError to its code and message', async () => {
    const dispatcher = createDispatcher(
      handlers({
        'accounts:list': () => {
          throw new AppError('not_found', 'That account no longer exists.');
        },
      }),
    );
    expect(await dispatcher.dispatch('accounts:list', {}, ctx)).toEqual({
      ok: false,
      error: { code: 'not_found', message: 'That account no longer exists.' },
    });
  });

  it('hides unexpected errors behind `internal` and reports them to main', async () => {
    const onInternalError = vi.fn();
    const dispatcher = createDispatcher(
      handlers({
        'accounts:list': () => {
          throw new Error('SQLITE_CORRUPT at /secret/path');
        },
      }),
      { onInternalError },
    );
    const result = await dispatcher.dispatch('accounts:list', {}, ctx);
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(result)).not.toContain('/secret/path');
    expect(onInternalError).toHaveBeenCalledOnce();
  });

  it('treats an off-contract handler result as an internal error', async () => {
    const dispatcher = createDispatcher(handlers({ 'accounts:list': () => ({ accounts: [{ id: 1 }] }) as never }));
    expect(await dispatcher.dispatch('accounts:list', {}, ctx)).toMatchObject({
      ok: false,
      error: { code: 'internal' },
    });
  });
});
