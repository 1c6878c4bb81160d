import type { AuthMethod, Server } from '../../../shared/model/account';
import { socketHost } from '../tls/options';

/** nodemailer's `authMethod` for the account's choice; undefined lets nodemailer pick (PLAIN, then LOGIN). */
export const NODEMAILER_AUTH_METHOD: Readonly<Record<AuthMethod, string | undefined>> = {
  auto: undefined,
  plain: 'PLAIN',
  login: 'LOGIN',
};

/**
 * How nodemailer is to encrypt, the same for sending and for checking an account: implicit TLS,
 * or STARTTLS with `requireTLS` so a server that hides or refuses it is left before any AUTH.
 * `none` was chosen with the warning, so STARTTLS is not even tried (opportunistic TLS would
 * test and use a different setup from the one the user acknowledged).
 */
export function smtpSecurityOptions(server: Pick<Server, 'host' | 'port' | 'security'>): {
  host: string;
  port: number;
  secure: boolean;
  requireTLS: boolean;
  ignoreTLS: boolean;
} {
  return {
    host: socketHost(server.host),
    port: server.port,
    secure: server.security === 'implicit',
    requireTLS: server.security === 'starttls',
    ignoreTLS: server.security === 'none',
  };
}
