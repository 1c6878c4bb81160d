import type { AuthMethod, Security } from '../../../../../shared/model/account';
import type {
  AutoconfigSource,
  AutoconfigStep,
  VerifyFailureCode,
  VerifyResult,
} from '../../../../../shared/model/setup';

export const SOURCE_LABELS: Record<AutoconfigSource, string> = {
  'provider-table': 'Known providers',
  'domain-autoconfig': 'Your provider’s configuration file',
  'well-known': 'Well-known configuration address',
  ispdb: 'Thunderbird’s provider database',
  srv: 'DNS service records',
  mx: 'Mail exchanger (MX) records',
  guess: 'Common server names',
};

export const STATUS_LABELS: Record<AutoconfigStep['status'], string> = {
  running: 'Looking…',
  found: 'Found',
  'not-found': 'Not found',
  failed: 'Failed',
  'timed-out': 'Timed out',
  cancelled: 'Cancelled',
  skipped: 'Skipped',
};

export const SECURITY_OPTIONS: readonly { value: Security; label: string }[] = [
  { value: 'implicit', label: 'TLS' },
  { value: 'starttls', label: 'STARTTLS' },
  { value: 'none', label: 'None (unencrypted)' },
];

export const SECURITY_LABELS: Record<Security, string> = {
  implicit: 'TLS',
  starttls: 'STARTTLS',
  none: 'no encryption',
};

export const AUTH_OPTIONS: readonly { value: AuthMethod; label: string }[] = [
  { value: 'auto', label: 'Automatic' },
  { value: 'plain', label: 'Normal password (PLAIN)' },
  { value: 'login', label: 'Normal password (LOGIN)' },
];

export const PROTOCOL_LABELS = { imap: 'IMAP', pop3: 'POP3', smtp: 'SMTP' } as const;

export const VERIFY_STEP_LABELS: Record<VerifyResult['steps'][number]['step'], string> = {
  dns: 'Find the server',
  connect: 'Connect',
  tls: 'Secure the connection (TLS)',
  starttls: 'Secure the connection (STARTTLS)',
  greeting: 'Server greeting',
  auth: 'Log in',
  done: 'Finished',
};

/** A short title for each failure; the message from main says the rest. */
export const FAILURE_TITLES: Record<VerifyFailureCode, string> = {
  dns_failed: 'Server not found',
  connection_refused: 'Connection refused',
  timed_out: 'No answer from the server',
  tls_failed: 'Secure connection failed',
  certificate_untrusted: 'Certificate not trusted',
  starttls_missing: 'The server does not offer STARTTLS',
  auth_failed: 'Login refused',
  protocol_error: 'Unexpected answer from the server',
  cancelled: 'Stopped',
};
