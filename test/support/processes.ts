import { readdirSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

interface ProcStat {
  state: string;
  ppid: number;
}

// /proc/<pid>/stat is "pid (comm) state ppid ..."; comm may contain spaces and parentheses,
// so parse from the last ')'.
function readStat(pid: number): ProcStat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { state: fields[0] ?? '?', ppid: Number(fields[1]) };
  } catch {
    return undefined;
  }
}

/**
 * True while the process exists and is not a zombie. Zombies count as gone: in containers whose
 * PID 1 does not reap, an exited Dovecot child can stay a zombie forever.
 */
export function isRunning(pid: number): boolean {
  const stat = readStat(pid);
  return stat !== undefined && stat.state !== 'Z' && stat.state !== 'X';
}

/** Every live descendant of `pid` (children, grandchildren, ...), read from /proc. */
export function descendants(pid: number): number[] {
  const parents = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    const child = Number(entry);
    if (!Number.isInteger(child)) continue;
    const stat = readStat(child);
    if (!stat || !isRunning(child)) continue;
    const siblings = parents.get(stat.ppid) ?? [];
    siblings.push(child);
    parents.set(stat.ppid, siblings);
  }
  const found: number[] = [];
  const queue = [pid];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    const children = parents.get(next) ?? [];
    found.push(...children);
    queue.push(...children);
  }
  return found;
}

/** Sends a signal, ignoring a process that is already gone. */
export function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

/**
 * SIGTERMs a process and everything below it, parent first (so a supervisor such as Dovecot's
 * master is already shutting down and respawns nothing). Synchronous, so exit handlers can use
 * it. Returns the pids signalled.
 */
export function terminateTree(pid: number): number[] {
  const tree = [pid, ...descendants(pid)];
  for (const member of tree) signal(member, 'SIGTERM');
  return tree;
}

/** Waits until none of `pids` runs; after `timeoutMs` the rest are SIGKILLed. Returns those killed. */
export async function waitUntilGone(pids: readonly number[], timeoutMs: number): Promise<number[]> {
  const deadline = Date.now() + timeoutMs;
  let alive = pids.filter(isRunning);
  while (alive.length > 0 && Date.now() < deadline) {
    await sleep(20);
    alive = alive.filter(isRunning);
  }
  for (const pid of alive) signal(pid, 'SIGKILL');
  return alive;
}
