import { spawn, type ChildProcess } from 'node:child_process';
import { Resolver } from 'node:dns/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { onAbruptExit } from './exit-guard';
import { freePort, LOOPBACK } from './ports';

/**
 * A real DNS server for tests: Debian's dnsmasq on a free loopback port (UDP and TCP), serving
 * only the records given here. Names under `localDomains` that have no record get NXDOMAIN at
 * once; every other name is REFUSED (dnsmasq has no upstream), so nothing leaves the machine.
 */
export interface DnsZone {
  /** Host → IPv4 address(es), e.g. { 'imap.example.test': '127.0.0.1' }. */
  a?: Record<string, string | string[]>;
  mx?: { domain: string; exchange: string; preference: number }[];
  /** SRV records; `target` omitted = "." (service decidedly not offered). */
  srv?: { name: string; target?: string; port?: number; priority?: number; weight?: number }[];
  /** Zones answered with NXDOMAIN for unknown names; default ['test']. */
  localDomains?: string[];
}

export interface RunningDnsServer {
  port: number;
  /** "127.0.0.1:PORT", for Resolver.setServers / createDnsResolver({ servers }). */
  server: string;
  stop(): Promise<void>;
}

const READY_NAME = 'dnsmasq-ready.letterbox.test';

function zoneArgs(zone: DnsZone): string[] {
  const args: string[] = [];
  for (const domain of zone.localDomains ?? ['test']) args.push(`--local=/${domain}/`);
  for (const [host, value] of Object.entries({ ...zone.a, [READY_NAME]: LOOPBACK })) {
    for (const address of Array.isArray(value) ? value : [value]) args.push(`--host-record=${host},${address}`);
  }
  for (const { domain, exchange, preference } of zone.mx ?? [])
    args.push(`--mx-host=${domain},${exchange},${preference}`);
  for (const record of zone.srv ?? []) {
    const fields = record.target === undefined ? [record.name] : [record.name, record.target, record.port ?? 0];
    if (record.target !== undefined) fields.push(record.priority ?? 0, record.weight ?? 0);
    args.push(`--srv-host=${fields.join(',')}`);
  }
  return args;
}

async function waitUntilAnswering(server: string, child: ChildProcess, log: () => string): Promise<void> {
  const resolver = new Resolver({ timeout: 200, tries: 1 });
  resolver.setServers([server]);
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`dnsmasq exited:\n${log()}`);
    const answer = await resolver.resolve4(READY_NAME).catch(() => []);
    if (answer.length > 0) return;
    await sleep(25);
  }
  throw new Error(`dnsmasq did not answer on ${server} within 5 s:\n${log()}`);
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 2000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

async function startOnce(zone: DnsZone): Promise<RunningDnsServer> {
  const port = await freePort();
  const child = spawn(
    'dnsmasq',
    [
      '--no-daemon', // stays our child, so stopping it is one kill and nothing is left behind
      `--port=${port}`,
      `--listen-address=${LOOPBACK}`,
      '--bind-interfaces',
      '--no-resolv',
      '--no-hosts',
      '--no-poll',
      '--conf-file=/dev/null',
      '--pid-file', // no pid file
      '--log-facility=-',
      ...zoneArgs(zone),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const spawned = new Promise<void>((resolve, reject) => {
    child.once('spawn', resolve);
    child.once('error', (error) =>
      reject(new Error(`dnsmasq could not be started (apt-get install dnsmasq-base): ${error.message}`)),
    );
  });
  const removeGuard = onAbruptExit(() => child.kill('SIGKILL'));
  const server = `${LOOPBACK}:${port}`;
  const stop = async (): Promise<void> => {
    await stopChild(child);
    removeGuard();
  };
  try {
    await spawned;
    await waitUntilAnswering(server, child, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { port, server, stop };
}

/** Starts dnsmasq for `zone`; retries on a new port if another process took the one picked. */
export async function startDnsServer(zone: DnsZone): Promise<RunningDnsServer> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      return await startOnce(zone);
    } catch (error) {
      lastError = error;
      if (!String(error).includes('Address already in use')) break;
    }
  }
  throw lastError;
}
