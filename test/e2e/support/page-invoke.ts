import type { Page } from 'playwright-core';
import type { MailApi } from '../../../shared/ipc/api';
import type { ChannelInput, ChannelOutput } from '../../../shared/ipc/contract';
import type { ChannelName } from '../../../shared/ipc/channels';

/**
 * A call to main from the page, as the renderer makes it: for a test's setup and checks, not for
 * what the test is about (that goes through the UI).
 */
export async function invokeFromPage<C extends ChannelName>(
  page: Page,
  channel: C,
  input: ChannelInput<C>,
): Promise<ChannelOutput<C>> {
  const envelope = await page.evaluate(
    ([name, args]) => (window as unknown as { mail: MailApi }).mail.invoke(name, args as never),
    [channel, input] as const,
  );
  if (!envelope.ok) throw new Error(`${channel}: ${envelope.error.message}`);
  return envelope.value as ChannelOutput<C>;
}
