import type { Script } from './line-server';

export interface Pop3ScriptOptions {
  /** Offer STLS in CAPA (the server needs a certificate for it to work). */
  stls: boolean;
  user: string;
  password: string;
}

/**
 * Just enough POP3 to log in and out: CAPA, STLS (when offered), AUTH PLAIN, USER/PASS, QUIT.
 * With `stls: false` it is the server that hides STLS.
 */
export function pop3Script(options: Pop3ScriptOptions): Script {
  let user: string | null = null;
  let awaitingPlain = false;
  const check = (name: string, password: string): string =>
    name === options.user && password === options.password
      ? '+OK Logged in'
      : '-ERR [AUTH] Invalid credentials (scripted)';
  const plain = (base64: string): string => {
    const [, name = '', password = ''] = Buffer.from(base64, 'base64').toString('utf8').split('\0');
    return check(name, password);
  };
  return {
    onConnect: (connection) => connection.send('+OK Scripted POP3 ready'),
    async onLine(line, connection) {
      if (awaitingPlain) {
        awaitingPlain = false;
        return connection.send(plain(line));
      }
      const [verb = '', ...args] = line.split(' ');
      switch (verb.toUpperCase()) {
        case 'CAPA':
          connection.send('+OK Capability list follows');
          for (const capability of [
            'USER',
            'SASL PLAIN',
            'UIDL',
            ...(options.stls && !connection.encrypted ? ['STLS'] : []),
          ]) {
            connection.send(capability);
          }
          return connection.send('.');
        case 'STLS':
          if (!options.stls || connection.encrypted) return connection.send('-ERR Command not permitted');
          connection.send('+OK Begin TLS negotiation');
          return connection.startTls();
        case 'AUTH':
          if (args[0]?.toUpperCase() !== 'PLAIN') return connection.send('-ERR Unsupported mechanism');
          if (args[1]) return connection.send(plain(args[1]));
          awaitingPlain = true;
          return connection.send('+ ');
        case 'USER':
          user = args.join(' ');
          return connection.send('+OK');
        case 'PASS':
          return connection.send(check(user ?? '', args.join(' ')));
        case 'QUIT':
          connection.send('+OK Bye');
          return connection.close();
        default:
          return connection.send('-ERR Unknown command');
      }
    },
  };
}
