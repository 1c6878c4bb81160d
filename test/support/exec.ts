import { spawn } from 'node:child_process';

export interface RunOptions {
  /** Bytes written to the child's stdin (then closed). Without it stdin is /dev/null. */
  input?: Buffer | string;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
}

export interface RunResult {
  stdout: string;
  stderr: string;
}

/**
 * Runs a command and resolves with its output; rejects with the command line, exit status and
 * stderr in the message, because a bare "exit code 75" from doveadm or openssl says nothing.
 */
export function run(command: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      env: options.env ?? process.env,
      stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout?.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => err.push(chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 20_000);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`${command} could not be started: ${error.message}`, { cause: error }));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const stdout = Buffer.concat(out).toString('utf8');
      const stderr = Buffer.concat(err).toString('utf8');
      if (code === 0) {
        resolve({ stdout, stderr });
        return;
      }
      const status = signal === null ? `exit code ${String(code)}` : `signal ${signal}`;
      const detail = (stderr.trim() || stdout.trim()).slice(-2000);
      reject(new Error(`${[command, ...args].join(' ')} failed (${status})${detail ? `:\n${detail}` : ''}`));
    });
    if (child.stdin) {
      // A child that exits before reading all input (e.g. a bad doveadm argument) must surface
      // as its own error in 'close', not as an unhandled EPIPE.
      child.stdin.on('error', () => undefined);
      child.stdin.end(options.input);
    }
  });
}
