import { openNodeApp, type NodeApp } from '../platform/node/open-node-app';
import type { CliIo, GlobalOptions } from './io';

/** Opens the profile for one command and always closes it, so the store is never left open. */
export async function withApp<T>(io: CliIo, globals: GlobalOptions, work: (app: NodeApp) => Promise<T>): Promise<T> {
  const app = await openNodeApp({ profileDir: globals.profile, shell: 'cli', env: io.env });
  try {
    return await work(app);
  } finally {
    await app.close();
  }
}

export async function readAllStdin(io: CliIo): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of io.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8');
}
