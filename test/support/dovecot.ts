import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { access, chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { currentIdentity, renderDovecotConfig, type DovecotPorts } from './dovecot-config';
import { authTest } from './doveadm';
import { LineClient, type TlsTrust } from './line-client';
import type { DovecotInfo, TestUser } from './mail-servers';
import { createHome, passwdLine } from './mail-users';
import { pollUntil } from './poll';
import { LOOPBACK, freePorts } from './ports';
import { terminateTree, waitUntilGone } from './processes';

export interface StartDovecotOptions {
  /** An empty, short folder outside the checkout (UNIX socket paths must stay < 108 bytes). */
  runDir: string;
  certPath: string;
  keyPath: string;
  /** Trust for probing the TLS listeners before declaring Dovecot ready. */
  trust: TlsTrust;
  /** At least one; the first is used for the `doveadm auth test` readiness check. */
  users: readonly TestUser[];
  timeoutMs?: number;
}

export interface RunningDovecot {
  info: DovecotInfo;
  ports: DovecotPorts;
  pid: number;
  /** SIGTERMs the master and waits until it and every process it started are gone. */
  stop(): Promise<void>;
  /** For exit and signal handlers, which cannot wait: SIGTERM the master, Dovecot does the rest. */
  stopNow(): void;
}

const START_ATTEMPTS = 3;

/** Starts a private Dovecot (IMAP, IMAPS, POP3, POP3S on free loopback ports) and waits until it serves. */
export async function startDovecot(options: StartDovecotOptions): Promise<RunningDovecot> {
  const info = await prepareRunDir(options);
  const firstUser = options.users[0];
  if (!firstUser) throw new Error('startDovecot needs at least one user');
  for (let attempt = 1; ; attempt++) {
    const ports = await pickPorts();
    await writeFile(info.configPath, renderConfig(info, options, ports));
    const logStart = await fileSize(info.logPath);
    const master = spawnMaster(info);
    try {
      await waitUntilReady(master, info, ports, options.trust, firstUser, options.timeoutMs ?? 15_000);
      return running(master.child, info, ports);
    } catch (error) {
      await stopMaster(master.child);
      const log = await logTail(info, logStart);
      // Another process can take a port between freePorts() and Dovecot's bind: pick new ones.
      if (log.includes('Address already in use') && attempt < START_ATTEMPTS) continue;
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`Dovecot did not start (${reason}). Tail of ${info.logPath}:\n${log}`, { cause: error });
    }
  }
}

async function prepareRunDir(options: StartDovecotOptions): Promise<DovecotInfo> {
  const { runDir } = options;
  const identity = currentIdentity();
  const info: DovecotInfo = {
    configPath: join(runDir, 'dovecot.conf'),
    runDir,
    logPath: join(runDir, 'dovecot.log'),
    passwdPath: join(runDir, 'passwd'),
    homeRoot: join(runDir, 'home'),
    mailUid: identity.mailUid,
    mailGid: identity.mailGid,
  };
  // mkdtemp makes the folder 0700; Dovecot's unprivileged processes must traverse it to the homes.
  await chmod(runDir, 0o755);
  await Promise.all(['run', 'state', 'home'].map((dir) => mkdir(join(runDir, dir), { mode: 0o755 })));
  // Readable by the auth process (it runs as the internal user); the passwords are throwaway.
  await writeFile(info.passwdPath, options.users.map((user) => passwdLine(user, info)).join(''), { mode: 0o644 });
  await Promise.all(options.users.map((user) => createHome(user, info)));
  return info;
}

async function pickPorts(): Promise<DovecotPorts> {
  const [imap = 0, imaps = 0, pop3 = 0, pop3s = 0] = await freePorts(4);
  return { imap, imaps, pop3, pop3s };
}

function renderConfig(info: DovecotInfo, options: StartDovecotOptions, ports: DovecotPorts): string {
  return renderDovecotConfig({
    runDir: info.runDir,
    passwdPath: info.passwdPath,
    certPath: options.certPath,
    keyPath: options.keyPath,
    ports,
    identity: currentIdentity(),
  });
}

interface Master {
  child: ChildProcess;
  /** Set once the master has exited, so waiting for readiness can stop at once. */
  exited: () => Error | undefined;
}

function spawnMaster(info: DovecotInfo): Master {
  // Foreground (-F) as our own child: we learn at once if it dies, and a Ctrl-C in the terminal
  // reaches it together with vitest. Its stdout/stderr (early fatal errors, before log_path is
  // open) go to a file, never to a pipe that would break once this process is gone.
  const output = openSync(join(info.runDir, 'dovecot.stderr'), 'a');
  let exit: Error | undefined;
  try {
    const child = spawn('dovecot', ['-F', '-c', info.configPath], { stdio: ['ignore', output, output] });
    child.on('error', (error) => (exit = error));
    child.on('exit', (code, sig) => (exit = new Error(`dovecot exited (${sig ?? `code ${String(code)}`})`)));
    return { child, exited: () => exit };
  } finally {
    closeSync(output);
  }
}

async function waitUntilReady(
  master: Master,
  info: DovecotInfo,
  ports: DovecotPorts,
  trust: TlsTrust,
  user: TestUser,
  timeoutMs: number,
): Promise<void> {
  const wait = { timeoutMs, abort: master.exited };
  await pollUntil(() => access(join(info.runDir, 'run', 'master.pid')).then(() => true), {
    ...wait,
    what: 'master.pid',
  });
  // The first greeting may be "* OK Waiting for authentication process to respond..": still fine.
  await Promise.all([
    pollUntil(() => greeting(ports.imap, '* OK'), { ...wait, what: `IMAP greeting on ${ports.imap}` }),
    pollUntil(() => greeting(ports.imaps, '* OK', trust), { ...wait, what: `IMAPS greeting on ${ports.imaps}` }),
    pollUntil(() => greeting(ports.pop3, '+OK'), { ...wait, what: `POP3 greeting on ${ports.pop3}` }),
    pollUntil(() => greeting(ports.pop3s, '+OK', trust), { ...wait, what: `POP3S greeting on ${ports.pop3s}` }),
  ]);
  await pollUntil(() => authTest(info, user.name, user.password).then(() => true), {
    ...wait,
    what: 'doveadm auth test',
  });
}

async function greeting(port: number, prefix: string, trust?: TlsTrust): Promise<true | undefined> {
  const client = await LineClient.connect(LOOPBACK, port, trust);
  try {
    const line = await client.readLine();
    if (!line.startsWith(prefix)) throw new Error(`unexpected greeting ${JSON.stringify(line)}`);
    return true;
  } finally {
    client.close();
  }
}

function running(child: ChildProcess, info: DovecotInfo, ports: DovecotPorts): RunningDovecot {
  const pid = child.pid ?? 0;
  let stopping: Promise<void> | undefined;
  return {
    info,
    ports,
    pid,
    stop: () => (stopping ??= stopMaster(child)),
    stopNow: () => {
      if (child.exitCode === null && child.signalCode === null) terminateTree(pid);
    },
  };
}

async function stopMaster(child: ChildProcess): Promise<void> {
  const pid = child.pid;
  if (pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // Dovecot's master alone would stop its children within milliseconds but then linger ~1 s
  // before exiting itself; the instance is throwaway, so the whole tree is told at once.
  // SIGKILL is the fallback for anything still there after 10 s.
  const tree = terminateTree(pid);
  const killed = await waitUntilGone(tree, 10_000);
  if (!killed.includes(pid)) await exited;
}

async function fileSize(path: string): Promise<number> {
  return stat(path).then(
    (s) => s.size,
    () => 0,
  );
}

async function logTail(info: DovecotInfo, from: number): Promise<string> {
  const read = (path: string): Promise<string> => readFile(path, 'utf8').catch(() => '');
  const [log, stderr] = await Promise.all([read(info.logPath), read(join(info.runDir, 'dovecot.stderr'))]);
  const text = `${log.slice(from)}${stderr}`.trimEnd();
  return text.split('\n').slice(-40).join('\n') || '(empty)';
}
