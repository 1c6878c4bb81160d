import type { Script, ScriptedConnection } from './line-server';

export interface ScriptedMessage {
  uidl: string;
  /** The exact message, CRLF line ends; sent dot-stuffed. */
  raw: string;
}

export interface Pop3MailboxOptions {
  user: string;
  password: string;
  /** Shared by every connection; DELE removes from it only at QUIT, like a real maildrop. */
  messages: ScriptedMessage[];
  /** Answer UIDL (default true); false plays a server without it (-ERR). */
  uidl?: boolean;
  pipelining?: boolean;
  /** Offer STLS (the line server needs a certificate). */
  stls?: boolean;
  /** DELE of these keys answers -ERR. */
  refuseDele?: ReadonlySet<string>;
  /** Cut the connection after this many lines of the RETR of `uidl`, once (then cleared). */
  dropInRetr?: { uidl: string; afterLines: number } | null;
  /** Cut the connection on QUIT without answering (so the marked deletions never commit), once. */
  dropAtQuit?: boolean;
}

/** What the scripted maildrop saw, for assertions. */
export interface Pop3MailboxLog {
  commands: string[];
  /** Keys removed by a QUIT, in order. */
  deleted: string[];
}

function messageLines(raw: string): string[] {
  const lines = raw.split('\r\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

/**
 * A scripted POP3 maildrop with the faults Dovecot will not produce: no UIDL, -ERR on DELE, a
 * connection cut in the middle of RETR. Commands are answered one by one in arrival order, so
 * pipelined commands work. Credentials go into the log only as the verb.
 */
export function pop3MailboxScript(options: Pop3MailboxOptions, log: Pop3MailboxLog): Script {
  const sessions = new WeakMap<ScriptedConnection, { user: string | null; authed: boolean; marked: Set<string> }>();
  const session = (c: ScriptedConnection) => {
    let state = sessions.get(c);
    if (!state) sessions.set(c, (state = { user: null, authed: false, marked: new Set() }));
    return state;
  };
  const live = (c: ScriptedConnection) => options.messages.filter((m) => !session(c).marked.has(m.uidl));
  const byNumber = (c: ScriptedConnection, arg: string | undefined): ScriptedMessage | null => {
    const index = Number(arg) - 1;
    const message = Number.isInteger(index) ? options.messages[index] : undefined;
    return message && !session(c).marked.has(message.uidl) ? message : null;
  };
  const numberOf = (m: ScriptedMessage) => options.messages.indexOf(m) + 1;
  const size = (m: ScriptedMessage) => Buffer.byteLength(m.raw);

  return {
    onConnect: (c) => c.send('+OK Scripted maildrop ready'),
    async onLine(line, c) {
      const state = session(c);
      const [verb = '', ...args] = line.split(' ');
      const upper = verb.toUpperCase();
      log.commands.push(['USER', 'PASS', 'AUTH'].includes(upper) ? upper : line);
      const send = (text: string) => c.send(text);
      if (!state.authed) {
        switch (upper) {
          case 'CAPA':
            send('+OK');
            for (const cap of ['USER', 'TOP', ...(options.uidl === false ? [] : ['UIDL'])]) send(cap);
            if (options.pipelining) send('PIPELINING');
            if (options.stls && !c.encrypted) send('STLS');
            return send('.');
          case 'STLS':
            if (!options.stls || c.encrypted) return send('-ERR Not now');
            send('+OK Begin TLS');
            return c.startTls();
          case 'USER':
            state.user = args.join(' ');
            return send('+OK');
          case 'PASS':
            if (state.user !== options.user || args.join(' ') !== options.password) return send('-ERR [AUTH] No');
            state.authed = true;
            return send('+OK Logged in');
          case 'QUIT':
            send('+OK Bye');
            return c.close();
          default:
            return send('-ERR Log in first');
        }
      }
      const message = byNumber(c, args[0]);
      switch (upper) {
        case 'STAT':
          return send(`+OK ${live(c).length} ${live(c).reduce((n, m) => n + size(m), 0)}`);
        case 'LIST':
        case 'UIDL': {
          if (upper === 'UIDL' && options.uidl === false) return send('-ERR Unknown command');
          const value = (m: ScriptedMessage) => (upper === 'LIST' ? String(size(m)) : m.uidl);
          if (args[0])
            return message ? send(`+OK ${numberOf(message)} ${value(message)}`) : send('-ERR No such message');
          send('+OK');
          for (const m of live(c)) send(`${numberOf(m)} ${value(m)}`);
          return send('.');
        }
        case 'RETR':
        case 'TOP': {
          if (!message) return send('-ERR No such message');
          const lines = messageLines(message.raw);
          const headerEnd = lines.indexOf('');
          const wanted =
            upper === 'TOP' ? lines.slice(0, (headerEnd < 0 ? lines.length : headerEnd + 1) + Number(args[1])) : lines;
          send(`+OK ${size(message)} octets`);
          const drop = upper === 'RETR' && options.dropInRetr?.uidl === message.uidl ? options.dropInRetr : null;
          for (const [i, text] of wanted.entries()) {
            if (drop && i === drop.afterLines) {
              options.dropInRetr = null;
              return c.close();
            }
            send(text.startsWith('.') ? `.${text}` : text);
          }
          return send('.');
        }
        case 'DELE':
          if (!message) return send('-ERR No such message');
          if (options.refuseDele?.has(message.uidl)) return send('-ERR [SYS/PERM] Deletion refused (scripted)');
          state.marked.add(message.uidl);
          return send('+OK Marked');
        case 'RSET':
          state.marked.clear();
          return send('+OK');
        case 'NOOP':
          return send('+OK');
        case 'QUIT': {
          if (options.dropAtQuit) {
            options.dropAtQuit = false;
            return c.close();
          }
          for (const uidl of state.marked) {
            const index = options.messages.findIndex((m) => m.uidl === uidl);
            if (index >= 0) options.messages.splice(index, 1);
            log.deleted.push(uidl);
          }
          send('+OK Bye');
          return c.close();
        }
        default:
          return send('-ERR Unknown command');
      }
    },
  };
}
