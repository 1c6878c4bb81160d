import type { Script } from './line-server';

/**
 * An SMTP submission server that hides STARTTLS: EHLO lists AUTH but not STARTTLS, and a
 * STARTTLS sent anyway is refused (502). AUTH would be answered 535, and recorded, should a
 * client ever send it here.
 */
export function smtpWithoutStarttls(): Script {
  let awaitingAuthLines = 0;
  return {
    onConnect: (connection) => connection.send('220 scripted.invalid ESMTP ready'),
    onLine(line, connection) {
      if (awaitingAuthLines > 0) {
        awaitingAuthLines -= 1;
        return connection.send(
          awaitingAuthLines > 0 ? '334 UGFzc3dvcmQ6' : '535 5.7.8 Authentication failed (scripted)',
        );
      }
      const verb = (line.split(' ')[0] ?? '').toUpperCase();
      if (verb === 'EHLO') {
        connection.send('250-scripted.invalid');
        connection.send('250-PIPELINING');
        connection.send('250-AUTH PLAIN LOGIN');
        connection.send('250 8BITMIME');
      } else if (verb === 'HELO') {
        connection.send('250 scripted.invalid');
      } else if (verb === 'STARTTLS') {
        connection.send('502 5.5.1 STARTTLS not available');
      } else if (verb === 'AUTH') {
        const [, mechanism = '', initial] = line.split(' ');
        if (mechanism.toUpperCase() === 'LOGIN') {
          awaitingAuthLines = 2;
          connection.send('334 VXNlcm5hbWU6');
        } else if (initial) {
          connection.send('535 5.7.8 Authentication failed (scripted)');
        } else {
          awaitingAuthLines = 1;
          connection.send('334 ');
        }
      } else if (verb === 'QUIT') {
        connection.send('221 Bye');
        connection.close();
      } else {
        connection.send('500 5.5.2 Unknown command');
      }
    },
  };
}
