import {
  cancelOutbox,
  flushOutbox,
  listOutbox,
  markOutboxSent,
  outboxDetails,
  outboxRunner,
  retryOutbox,
} from '../../services/outbox';
import { UsageError } from '../args';
import type { Command } from '../command';
import { withApp } from '../with-app';
import { formatOutboxDetails, formatOutboxItem } from './outbox-format';

const USAGE = 'outbox needs: list | show ID | retry ID | cancel ID | mark-sent ID | flush';

export const outboxCommand: Command = {
  name: 'outbox',
  summary: 'Messages waiting to be sent (outbox list | show ID | retry ID | cancel ID | mark-sent ID | flush)',
  async run({ io, globals, positionals }) {
    const [sub, id] = positionals;
    const needsId = (): string => {
      if (!id) throw new UsageError(USAGE);
      return id;
    };
    return withApp(io, globals, async (app) => {
      const ctx = app.ctx;
      switch (sub) {
        case 'list': {
          const items = listOutbox(ctx);
          return {
            json: { items },
            text: items.length === 0 ? 'The outbox is empty.' : items.map(formatOutboxItem).join('\n\n'),
          };
        }
        case 'show': {
          const details = outboxDetails(ctx, needsId());
          return { json: { item: details }, text: formatOutboxDetails(details) };
        }
        case 'retry': {
          retryOutbox(ctx, needsId());
          return runAndReport(ctx, needsId());
        }
        case 'cancel': {
          const { draftId } = cancelOutbox(ctx, needsId());
          return { json: { draftId }, text: `Cancelled; the message is a draft again (${draftId}).` };
        }
        case 'mark-sent': {
          markOutboxSent(ctx, needsId());
          return runAndReport(ctx, needsId());
        }
        case 'flush': {
          const summary = await flushOutbox(ctx);
          const items = listOutbox(ctx);
          return {
            json: { ...summary, items },
            text: `Attempted ${summary.attempted}, sent ${summary.sent}, filed ${summary.filed}.`,
          };
        }
        default:
          throw new UsageError(USAGE);
      }
    });
  },
};

async function runAndReport(
  ctx: Parameters<typeof listOutbox>[0],
  id: string,
): Promise<{ json: unknown; text: string }> {
  // Only this message was released; the others keep their retry times.
  await outboxRunner(ctx).pass();
  await outboxRunner(ctx).idle();
  const details = outboxDetails(ctx, id);
  return { json: { item: details }, text: formatOutboxItem(details) };
}
