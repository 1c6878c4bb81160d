/**
 * What the global setup hands to every integration and e2e test through `inject('mailServers')`.
 * Everything here is plain data (it is structured-cloned into the test workers); the helpers
 * that act on it (deliver, reset, read the SMTP spool) take the relevant part as an argument.
 */

/** Domain whose addresses are local users of the test Dovecot (`alice@example.test` → `alice`). */
export const LOCAL_DOMAIN = 'example.test';

export interface TestUser {
  /** Login name for IMAP, POP3 and SMTP AUTH. */
  name: string;
  /** Random per run, so no test can depend on a hard-coded password. */
  password: string;
  /** `name@example.test`; mail sent there through the test SMTP server lands in this user's INBOX. */
  address: string;
}

/** What the Dovecot helpers (deliver, reset, add user) need; usable from any test process. */
export interface DovecotInfo {
  configPath: string;
  /** Short temp folder outside the checkout holding config, sockets, mail and logs. */
  runDir: string;
  logPath: string;
  /** passwd-file shared by passdb and userdb; Dovecot re-reads it when it changes. */
  passwdPath: string;
  /** Parent of every user's home (`<homeRoot>/<name>/Maildir`). */
  homeRoot: string;
  /** Owner of the mail files (not root: Dovecot refuses to access mail as root). */
  mailUid: number;
  mailGid: number;
}

export interface SmtpInfo {
  /** Submission with STARTTLS (AUTH refused until TLS is up). */
  port: number;
  /** The same server behaviour with implicit TLS. */
  tlsPort: number;
  /** Each accepted message is written here as `<seq>.eml` + `<seq>.json` (see smtp-spool.ts). */
  spoolDir: string;
}

export interface MailServers {
  /** Always 127.0.0.1: Dovecot listens there only (not on ::1, which `localhost` may resolve to). */
  host: string;
  /** The DNS name in the server certificate; the certificate also carries IP:127.0.0.1. */
  servername: string;
  tls: {
    /** PEM of the per-run CA: pass it as `tls: { ca }`. Nothing trusts it implicitly. */
    ca: string;
    /** The same CA as a file, e.g. for NODE_EXTRA_CA_CERTS of a child process. */
    caPath: string;
  };
  users: { alice: TestUser; bob: TestUser };
  imap: { port: number; tlsPort: number };
  pop3: { port: number; tlsPort: number };
  smtp: SmtpInfo;
  dovecot: DovecotInfo;
}

declare module 'vitest' {
  interface ProvidedContext {
    mailServers: MailServers;
  }
}
