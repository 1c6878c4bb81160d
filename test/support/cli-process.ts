import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { MailServers, TestUser } from './mail-servers';

const BIN = fileURLToPath(new URL('../../main/cli/bin.mjs', import.meta.url));

export interface CliProcessResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * The real `letterbox` executable in a child process, so NODE_EXTRA_CA_CERTS (read only at start)
 * and a non-terminal stdin behave exactly as for a user.
 */
export function runLetterbox(
  args: string[],
  options: { env?: NodeJS.ProcessEnv; stdin?: string } = {},
): Promise<CliProcessResult> {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { ...process.env, LETTERBOX_SECRETS: 'vault', ...options.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  child.stdin.end(options.stdin ?? '');
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  return new Promise((resolve) =>
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    }),
  );
}

/**
 * `letterbox account add` for a harness user (STARTTLS on both servers, the run's CA trusted
 * through NODE_EXTRA_CA_CERTS); throws with the CLI's stderr if it did not save the account.
 */
export async function addHarnessAccount(
  servers: MailServers,
  user: TestUser,
  profile: string,
  incoming: 'imap' | 'pop3' = 'imap',
): Promise<void> {
  const port = incoming === 'imap' ? servers.imap.port : servers.pop3.port;
  const run = await runLetterbox(
    [
      'account', 'add', '--profile', profile, '--json', '--email', user.address,
      `--${incoming}`, `${servers.host}:${port}`, '--incoming-security', 'starttls',
      '--smtp', `${servers.host}:${servers.smtp.port}`, '--smtp-security', 'starttls',
      '--user', user.name, '--password-stdin',
    ], // prettier-ignore
    { env: { NODE_EXTRA_CA_CERTS: servers.tls.caPath }, stdin: `${user.password}\n` },
  );
  if (run.code !== 0) throw new Error(`account add failed (${run.code}): ${run.stderr}`);
}
