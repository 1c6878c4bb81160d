import { PassThrough } from 'node:stream';
import { main } from '../../main/cli/main';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process with captured streams and a non-terminal stdin. */
export async function runCli(argv: string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const chunks = { out: [] as Buffer[], err: [] as Buffer[] };
  stdout.on('data', (chunk: Buffer) => chunks.out.push(chunk));
  stderr.on('data', (chunk: Buffer) => chunks.err.push(chunk));
  const stdin = Object.assign(new PassThrough(), { isTTY: false });
  const code = await main(argv, { stdout, stderr, stdin, env: { LETTERBOX_SECRETS: 'vault', ...env } });
  return {
    code,
    stdout: Buffer.concat(chunks.out).toString('utf8'),
    stderr: Buffer.concat(chunks.err).toString('utf8'),
  };
}
