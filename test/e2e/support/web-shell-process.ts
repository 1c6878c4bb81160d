import { spawn, type ChildProcess } from 'node:child_process';
import { REPO_ROOT } from './build-output';

export interface WebShellProcess {
  url: string;
  child: ChildProcess;
  /** Everything the process wrote to stdout so far. */
  stdout(): string;
  /** Everything the process wrote to stderr so far, for failure messages. */
  stderr(): string;
  /** SIGTERM (or the given signal), then the exit code; SIGKILL if it has not gone after 5 s. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export interface ExitedProcess {
  code: number | null;
  stdout: string;
  stderr: string;
}

const URL_LINE = /^Letterbox browser shell: (http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)$/m;

/** The real `npm run web` entry, run from source with tsx exactly as scripts/web.mjs does. */
export function spawnWebShell(args: readonly string[], env: NodeJS.ProcessEnv = {}): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'main/web/main.ts', ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, LETTERBOX_VAULT_KEY: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Starts the shell and resolves once it has printed its URL; rejects with its stderr if it exits first. */
export function startWebShellProcess(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<WebShellProcess> {
  const child = spawnWebShell(args, env);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const stop = async (signal: NodeJS.Signals = 'SIGTERM') => {
    if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    const code = await exited;
    clearTimeout(timer);
    return code;
  };

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop('SIGKILL');
      reject(new Error(`npm run web printed no URL within 30 s. stdout: ${stdout} stderr: ${stderr}`));
    }, 30_000);
    child.stdout?.on('data', () => {
      const url = URL_LINE.exec(stdout)?.[1];
      if (url === undefined) return;
      clearTimeout(timer);
      resolve({ url, child, stdout: () => stdout, stderr: () => stderr, stop });
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`npm run web exited with ${code} before printing its URL: ${stderr.trim()}`));
    });
  });
}

/** Runs the entry to completion (for the start-up failures). */
export function runWebShell(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<ExitedProcess> {
  const child = spawnWebShell(args, env);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  return new Promise((resolve) =>
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    }),
  );
}
