/**
 * `npm run web`: the browser shell. Opens the profile like the CLI does, serves the production
 * renderer build on loopback and prints the one URL (with its token) to open. Standalone entry:
 * the Electron app never imports this, so `ws` and the HTTP server stay out of its bundle.
 */
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { openNodeApp, type NodeApp } from '../platform/node/open-node-app';
import { BuildOutputMissingError } from './build-output';
import { startWebShell, type WebShell } from './server';

const fromRoot = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));

class UsageError extends Error {}

const USAGE = 'Usage: npm run web -- [--port N] [--profile DIR]';

function parseCommandLine(args: string[]) {
  try {
    return parseArgs({ args, options: { port: { type: 'string' }, profile: { type: 'string' } }, strict: true });
  } catch (error) {
    // Node's first sentence names the problem; the rest advises on positionals, which we take none of.
    const first = error instanceof Error ? (error.message.split('. ')[0] ?? error.message) : String(error);
    throw new UsageError(`${first}. ${USAGE}`);
  }
}

function parsePort(text: string | undefined): number {
  if (text === undefined) return 0;
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65_535)
    throw new UsageError(`--port must be a number from 0 to 65535, not "${text}".`);
  return port;
}

function explain(error: unknown, port: number): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'EADDRINUSE')
    return `port ${port} on 127.0.0.1 is already in use; choose another with --port N (0 picks a free one).`;
  if (code === 'EACCES') return `not allowed to listen on port ${port}; choose another with --port N.`;
  if (error instanceof Error) return error.message;
  return String(error);
}

async function run(): Promise<void> {
  let port = 0;
  let app: NodeApp | null = null;
  let shell: WebShell;
  try {
    const { values } = parseCommandLine(process.argv.slice(2));
    port = parsePort(values.port);
    app = await openNodeApp({
      profileDir: values.profile,
      shell: 'web',
      live: true,
      onInternalError: (channel, error) => console.error(`letterbox web: internal error in ${channel}:`, error),
    });
    shell = await startWebShell({
      dispatcher: app.dispatcher,
      bus: app.bus,
      rendererDir: fromRoot('out/renderer'),
      bridgeFile: fromRoot('out/web/bridge.js'),
      port,
    });
  } catch (error) {
    const prefix = error instanceof BuildOutputMissingError || error instanceof UsageError ? '' : 'could not start: ';
    console.error(`letterbox web: ${prefix}${explain(error, port)}`);
    await app?.close();
    process.exitCode = 1;
    return;
  }

  process.stdout.write(`Letterbox browser shell: ${shell.url}\n`);

  const opened = { app, shell };
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void opened.shell
      .close()
      .then(() => opened.app.close())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          console.error(`letterbox web: error while closing: ${explain(error, port)}`);
          process.exit(1);
        },
      );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

await run();
