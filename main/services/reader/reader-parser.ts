import { createParserPool, type ParserPool } from '../../mail/mime/parser-pool';
import type { AppContext } from '../context';

// One small pool per app for the reader: its idle worker is unref'd (it never keeps the process
// alive) and stays warm between messages, so opening the next one pays no thread start-up.
const pools = new WeakMap<AppContext, ParserPool>();

export function readerParser(ctx: AppContext): ParserPool {
  let pool = pools.get(ctx);
  if (!pool) pools.set(ctx, (pool = createParserPool({ size: 1 })));
  return pool;
}

/** For composition roots that close the app (and tests). */
export async function closeReaderParser(ctx: AppContext): Promise<void> {
  const pool = pools.get(ctx);
  pools.delete(ctx);
  await pool?.close();
}
