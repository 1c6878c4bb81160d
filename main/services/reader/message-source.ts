import { isUtf8 } from 'node:buffer';
import { AppError } from '../../../shared/errors';
import type { ChannelOutput } from '../../../shared/ipc/contract';
import type { AppContext } from '../context';
import { rawStore } from '../sync';
import { fitJson } from './json-budget';
import { readReaderRow } from './message-row';

/** What "View source" shows at most; the rest is named, not sent. */
const SOURCE_BUDGET = 800 * 1024;

/** The raw RFC 822 text as stored: UTF-8 when it is valid UTF-8, else byte for byte as Latin-1. */
export async function getMessageSource(ctx: AppContext, id: string): Promise<ChannelOutput<'messages:source'>> {
  const row = readReaderRow(ctx.store.db, id);
  const raw = row.rawHash === null ? null : await rawStore(ctx).get(row.rawHash);
  if (raw === null) {
    throw new AppError('not_found', 'The body of this message has not been downloaded yet; open it first.');
  }
  // Decoding a whole huge message to show its first part would waste memory: the head is enough.
  const head = raw.subarray(0, SOURCE_BUDGET);
  const text =
    isUtf8(head) || isUtf8(head.subarray(0, head.length - 3)) ? head.toString('utf8') : head.toString('latin1');
  const fitted = fitJson(text, SOURCE_BUDGET);
  return { source: fitted.text, size: raw.length, truncated: fitted.cut || raw.length > head.length };
}
