import type { Script, ScriptedConnection } from './line-server';

export interface ImapScriptOptions {
  /** Offer STARTTLS in CAPABILITY (the server needs a certificate for it to work). */
  starttls: boolean;
  /** The one login accepted (LOGIN or AUTHENTICATE PLAIN); anything else gets NO. */
  user: string;
  password: string;
}

function plainCredentials(base64: string): { user: string; password: string } {
  const [, user = '', password = ''] = Buffer.from(base64, 'base64').toString('utf8').split('\0');
  return { user, password };
}

/** IMAP string argument: quoted ("…" with \" and \\) or an atom. */
function imapArguments(text: string): string[] {
  const found: string[] = [];
  const pattern = /"((?:[^"\\]|\\.)*)"|(\S+)/g;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    found.push(match[1] !== undefined ? match[1].replace(/\\(.)/g, '$1') : (match[2] ?? ''));
  }
  return found;
}

/**
 * Just enough IMAP for a client to connect, log in and log out: CAPABILITY, STARTTLS (when
 * offered), LOGIN, AUTHENTICATE PLAIN (with or without initial response), ID, NAMESPACE, NOOP,
 * LOGOUT. With `starttls: false` it is the server that hides STARTTLS (RFC 3501 says clients that
 * require TLS must then refuse to log in).
 */
export function imapScript(options: ImapScriptOptions): Script {
  let awaitingPlain: string | null = null;
  const capabilities = (connection: ScriptedConnection): string =>
    [
      'IMAP4rev1',
      'AUTH=PLAIN',
      'ID',
      'NAMESPACE',
      ...(options.starttls && !connection.encrypted ? ['STARTTLS'] : []),
    ].join(' ');
  const login = (connection: ScriptedConnection, tag: string, user: string, password: string): void => {
    if (user === options.user && password === options.password) connection.send(`${tag} OK Logged in`);
    else connection.send(`${tag} NO [AUTHENTICATIONFAILED] Invalid credentials (scripted)`);
  };
  return {
    onConnect: (connection) => connection.send('* OK Scripted IMAP ready'),
    async onLine(line, connection) {
      if (awaitingPlain !== null) {
        const tag = awaitingPlain;
        awaitingPlain = null;
        const { user, password } = plainCredentials(line);
        return login(connection, tag, user, password);
      }
      const [tag = '*', verb = '', ...rest] = line.split(' ');
      const command = verb.toUpperCase();
      if (command === 'CAPABILITY') {
        connection.send(`* CAPABILITY ${capabilities(connection)}`);
        connection.send(`${tag} OK Completed`);
      } else if (command === 'STARTTLS' && options.starttls && !connection.encrypted) {
        connection.send(`${tag} OK Begin TLS negotiation now`);
        await connection.startTls();
      } else if (command === 'LOGIN') {
        const [user = '', password = ''] = imapArguments(rest.join(' '));
        login(connection, tag, user, password);
      } else if (command === 'AUTHENTICATE' && rest[0]?.toUpperCase() === 'PLAIN') {
        if (rest[1]) {
          const { user, password } = plainCredentials(rest[1]);
          login(connection, tag, user, password);
        } else {
          awaitingPlain = tag;
          connection.send('+ ');
        }
      } else if (command === 'ID') {
        connection.send('* ID ("name" "scripted")');
        connection.send(`${tag} OK Completed`);
      } else if (command === 'NAMESPACE') {
        connection.send('* NAMESPACE (("" "/")) NIL NIL');
        connection.send(`${tag} OK Completed`);
      } else if (command === 'NOOP') {
        connection.send(`${tag} OK Completed`);
      } else if (command === 'LOGOUT') {
        connection.send('* BYE Logging out');
        connection.send(`${tag} OK Completed`);
        connection.close();
      } else {
        connection.send(`${tag} BAD Unknown command`);
      }
    },
  };
}
