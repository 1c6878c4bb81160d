import { EventEmitter } from 'node:events';
import type { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { Pop3Client, type BatchOutcome } from '../../../main/mail/pop3/client';
import { Pop3Connection } from '../../../main/mail/pop3/connection';
import { Pop3ClosedError, Pop3ServerError, Pop3TimeoutError, Pop3TooLargeError } from '../../../main/mail/pop3/errors';

/** The client's side of a socket whose server the test plays by hand: bytes in, commands out. */
class ScriptedSocket extends EventEmitter {
  readonly writes: string[] = [];
  destroyed = false;
  write(data: string): boolean {
    this.writes.push(data);
    this.emit('written');
    return true;
  }
  /** Every command written so far, in order. */
  commands(): string[] {
    return this.writes.join('').split('\r\n').slice(0, -1);
  }
  receive(data: string | Buffer): void {
    this.emit('data', Buffer.isBuffer(data) ? data : Buffer.from(data, 'latin1'));
  }
  end(): void {
    this.destroy();
  }
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.emit('close');
  }
  /** Resolves once `count` commands in all have been written. */
  async untilCommands(count: number): Promise<void> {
    while (this.commands().length < count) await new Promise((resolve) => this.once('written', resolve));
  }
}

function pipeliningClient(options: { window?: number; timeoutMs?: number } = {}) {
  const socket = new ScriptedSocket();
  const connection = new Pop3Connection(socket as unknown as Socket, { timeoutMs: options.timeoutMs ?? 5000 });
  const client = new Pop3Client(connection, {
    capabilities: new Map([['PIPELINING', []]]),
    pipelineWindow: options.window,
  });
  return { socket, connection, client };
}

const MESSAGE_1 = 'Subject: one\r\n\r\n.leading dot\r\n..\r\nend\r\n';
const MESSAGE_3 = 'Subject: three\r\n\r\n.\r\n';
const stuff = (raw: string): string => raw.replace(/^\./gm, '..');
const okReply = (raw: string): string => `+OK ${raw.length} octets\r\n${stuff(raw)}.\r\n`;

type Seen = [number, string];
function record(seen: Seen[]) {
  return (number: number, outcome: BatchOutcome<Buffer>): void => {
    if (outcome.ok) seen.push([number, outcome.value.toString('latin1')]);
    else if (outcome.error instanceof Pop3ServerError) seen.push([number, `server: ${outcome.error.serverText}`]);
    else seen.push([number, (outcome.error as Error).constructor.name]);
  };
}

describe('pipelined RETR on a connection', () => {
  const stream = okReply(MESSAGE_1) + '-ERR [SYS/PERM] No such message\r\n' + okReply(MESSAGE_3);

  it('reads every reply, -ERR included, whatever the point the stream is cut at', async () => {
    for (let at = 0; at <= stream.length; at++) {
      const { socket, client } = pipeliningClient();
      const seen: Seen[] = [];
      const run = client.retrMany([1, 2, 3], undefined, record(seen));
      await socket.untilCommands(3);
      socket.receive(stream.slice(0, at));
      socket.receive(stream.slice(at));
      await run;
      expect([at, seen]).toEqual([
        at,
        [
          [1, MESSAGE_1],
          [2, 'server: -ERR [SYS/PERM] No such message'],
          [3, MESSAGE_3],
        ],
      ]);
      expect(socket.commands()).toEqual(['RETR 1', 'RETR 2', 'RETR 3']);
    }
  });

  it('a reply over the size cap is read to its end and refused; the replies after it still arrive', async () => {
    for (let at = 0; at <= stream.length; at += 3) {
      const { socket, client } = pipeliningClient();
      const seen: Seen[] = [];
      const run = client.retrMany([1, 2, 3], MESSAGE_3.length, record(seen));
      await socket.untilCommands(3);
      socket.receive(stream.slice(0, at));
      socket.receive(stream.slice(at));
      await run;
      expect(seen).toEqual([
        [1, 'Pop3TooLargeError'],
        [2, 'server: -ERR [SYS/PERM] No such message'],
        [3, MESSAGE_3],
      ]);
    }
    const { socket, client } = pipeliningClient();
    const error = client.retr(1, 10).catch((e: unknown) => e);
    await socket.untilCommands(1);
    socket.receive(okReply(MESSAGE_1));
    expect(await error).toMatchObject({ limitBytes: 10, actualBytes: MESSAGE_1.length });
    expect(await error).toBeInstanceOf(Pop3TooLargeError);
  });

  it('a connection dropped mid-RETR: replies received in full are delivered, the cut one is not', async () => {
    const afterFirst = stream.indexOf('-ERR');
    const third = stream.indexOf('+OK', afterFirst);
    const cases: [cut: number, complete: Seen[]][] = [
      [afterFirst, [[1, MESSAGE_1]]],
      [afterFirst - 1, []], // the LF of the first reply's "." is missing
      [
        third + 10,
        [
          [1, MESSAGE_1],
          [2, 'server: -ERR [SYS/PERM] No such message'],
        ],
      ],
      [
        stream.length - 1,
        [
          [1, MESSAGE_1],
          [2, 'server: -ERR [SYS/PERM] No such message'],
        ],
      ],
    ];
    for (const [cut, complete] of cases) {
      const { socket, client } = pipeliningClient();
      const seen: Seen[] = [];
      const run = client.retrMany([1, 2, 3, 4], undefined, record(seen));
      await socket.untilCommands(4);
      socket.receive(stream.slice(0, cut));
      socket.destroy();
      await run;
      const closed = Array.from({ length: 4 - complete.length }, (_, i): Seen => [
        complete.length + i + 1,
        Pop3ClosedError.name,
      ]);
      expect([cut, seen]).toEqual([cut, [...complete, ...closed]]);
    }
  });

  it('the handler back-pressures: while it waits, no more than the window of commands is written', async () => {
    const { socket, client } = pipeliningClient({ window: 4 });
    let release = (): void => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const seen: number[] = [];
    const run = client.retrMany([1, 2, 3, 4, 5, 6, 7, 8], undefined, async (n, outcome) => {
      if (!outcome.ok) throw outcome.error;
      seen.push(n);
      if (n === 1) await gate;
    });
    await socket.untilCommands(4);
    for (let i = 0; i < 4; i++) socket.receive(okReply(MESSAGE_3));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(seen).toEqual([1]);
    expect(socket.commands()).toHaveLength(4);
    release();
    await socket.untilCommands(8);
    for (let i = 0; i < 4; i++) socket.receive(okReply(MESSAGE_3));
    await run;
    expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('sends the commands of one turn in one write, in order, and never holds one back', async () => {
    const { socket, client } = pipeliningClient({ window: 100 });
    // The server answers what it has received, 7 replies per turn, until it has nothing left:
    // a command the client held back from an idle server would stall this test.
    let answered = 0;
    let turns = 0;
    let scheduled = false;
    const pump = (): void => {
      if (scheduled) return;
      scheduled = true;
      setImmediate(() => {
        scheduled = false;
        const count = Math.min(7, socket.commands().length - answered);
        if (count === 0) return;
        answered += count;
        turns += 1;
        socket.receive(okReply(MESSAGE_3).repeat(count));
        pump();
      });
    };
    socket.on('written', pump);
    const numbers = Array.from({ length: 1000 }, (_, i) => i + 1);
    let delivered = 0;
    const run = client.retrMany(numbers, undefined, (_n, outcome) => {
      if (!outcome.ok) throw outcome.error;
      delivered += 1;
    });
    await run;
    expect(delivered).toBe(1000);
    expect(socket.commands()).toEqual(numbers.map((n) => `RETR ${n}`));
    expect(socket.writes[0]?.split('\r\n').length).toBe(101);
    // The first write is the whole window; after it, at most one write per batch of replies.
    expect(socket.writes.length).toBeLessThanOrEqual(turns + 1);
  });

  it('every reply in a pipeline has the timeout: a stall after the first reply rejects the rest', async () => {
    const { socket, client } = pipeliningClient({ timeoutMs: 100 });
    const seen: Seen[] = [];
    const started = Date.now();
    const run = client.retrMany([1, 2, 3], undefined, record(seen));
    await socket.untilCommands(3);
    socket.receive(okReply(MESSAGE_1) + '+OK 22 octets\r\nSubject: three\r\n');
    await run;
    expect(seen).toEqual([
      [1, MESSAGE_1],
      [2, 'Pop3TimeoutError'],
      [3, 'Pop3TimeoutError'],
    ]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(90);
    expect(socket.destroyed).toBe(true);
  });

  it('a reply still streaming in does not time out, however long it takes in all', async () => {
    const { socket, client } = pipeliningClient({ timeoutMs: 80 });
    const body = client.retr(1);
    await socket.untilCommands(1);
    socket.receive('+OK\r\n');
    for (let i = 0; i < 5; i++) {
      await new Promise((resolve) => setTimeout(resolve, 40));
      socket.receive(`line ${i}\r\n`);
    }
    socket.receive('.\r\n');
    expect((await body).toString()).toBe('line 0\r\nline 1\r\nline 2\r\nline 3\r\nline 4\r\n');
    await expect(client.noop()).rejects.toBeInstanceOf(Pop3TimeoutError);
  });
});
