import type { Account, AuthMethod, Identity, PinnedCertificate, Security } from '../../../../../shared/model/account';
import type { IncomingCandidate, OutgoingCandidate } from '../../../../../shared/model/setup';

export type Protocol = 'imap' | 'pop3';

/** One server as the form edits it: numbers stay text until the form is checked. */
export interface ServerForm {
  host: string;
  port: string;
  security: Security;
  username: string;
  authMethod: AuthMethod;
  pinnedCertificate: PinnedCertificate | null;
}

/**
 * Everything the setup and settings form edits. It lives only in the flow's component state
 * (the passwords included) and is turned into an AccountDraft by toDraft().
 */
export interface AccountForm {
  /** Null while adding. */
  id: string | null;
  displayName: string;
  name: string;
  email: string;
  /** Empty while editing means "keep the saved password". */
  password: string;
  incoming: ServerForm & { protocol: Protocol };
  outgoing: ServerForm & { sameCredentialsAsIncoming: boolean };
  outgoingPassword: string;
  pop3: { leaveOnServer: boolean; deleteAfter: boolean; deleteAfterDays: string; deleteWhenDeletedHere: boolean };
  imap: { allMail: boolean; offlineWindowDays: string; qresync: boolean };
  includeInUnified: boolean;
  insecureAcknowledged: boolean;
  /** What the form does not show but must keep: the first identity's id, reply-to, signature; other identities. */
  identities: Identity[];
}

export const DEFAULT_OFFLINE_DAYS = 365;

/** Usual ports, so switching protocol or security moves a port the user never typed. */
export function defaultPort(kind: Protocol | 'smtp', security: Security): number {
  if (kind === 'imap') return security === 'implicit' ? 993 : 143;
  if (kind === 'pop3') return security === 'implicit' ? 995 : 110;
  return security === 'implicit' ? 465 : 587;
}

const blankServer = (username: string, port: number): ServerForm => ({
  host: '',
  port: String(port),
  security: 'implicit',
  username,
  authMethod: 'auto',
  pinnedCertificate: null,
});

export function emptyForm(): AccountForm {
  return {
    id: null,
    displayName: '',
    name: '',
    email: '',
    password: '',
    incoming: { ...blankServer('', 993), protocol: 'imap' },
    outgoing: { ...blankServer('', 465), sameCredentialsAsIncoming: true },
    outgoingPassword: '',
    pop3: { leaveOnServer: true, deleteAfter: false, deleteAfterDays: '30', deleteWhenDeletedHere: false },
    imap: { allMail: false, offlineWindowDays: String(DEFAULT_OFFLINE_DAYS), qresync: true },
    includeInUnified: true,
    insecureAcknowledged: false,
    identities: [],
  };
}

const serverForm = (server: Account['incoming'] | Account['outgoing']): ServerForm => ({
  host: server.host,
  port: String(server.port),
  security: server.security,
  username: server.username,
  authMethod: server.authMethod,
  pinnedCertificate: server.pinnedCertificate,
});

/** A saved account, ready to edit; the password fields start empty ("unchanged"). */
export function formFromAccount(account: Account): AccountForm {
  const identity = account.identities[0];
  const days = account.imap.offlineWindowDays;
  return {
    id: account.id,
    displayName: account.displayName,
    name: identity?.name ?? '',
    email: identity?.address ?? '',
    password: '',
    incoming: { ...serverForm(account.incoming), protocol: account.incoming.protocol },
    outgoing: {
      ...serverForm(account.outgoing),
      sameCredentialsAsIncoming: account.outgoing.sameCredentialsAsIncoming,
    },
    outgoingPassword: '',
    pop3: {
      leaveOnServer: account.pop3.leaveOnServer,
      deleteAfter: account.pop3.deleteAfterDays !== null,
      deleteAfterDays: String(account.pop3.deleteAfterDays ?? 30),
      deleteWhenDeletedHere: account.pop3.deleteWhenDeletedHere,
    },
    imap: {
      allMail: days === null,
      offlineWindowDays: String(days ?? DEFAULT_OFFLINE_DAYS),
      qresync: account.imap.qresync,
    },
    includeInUnified: account.includeInUnified,
    insecureAcknowledged: account.insecureAcknowledged,
    identities: account.identities,
  };
}

const candidateServer = (candidate: OutgoingCandidate, keep: ServerForm): ServerForm => ({
  ...keep,
  host: candidate.host,
  port: String(candidate.port),
  security: candidate.security,
  username: candidate.username,
  pinnedCertificate: null,
});

/** Fills the servers from what autoconfig found (after the user confirmed it). */
export function applyCandidates(
  form: AccountForm,
  incoming: IncomingCandidate,
  outgoing: OutgoingCandidate | undefined,
): AccountForm {
  return {
    ...form,
    incoming: { ...candidateServer(incoming, form.incoming), protocol: incoming.protocol },
    outgoing:
      outgoing === undefined
        ? { ...form.outgoing, host: incoming.host, username: incoming.username }
        : {
            ...candidateServer(outgoing, form.outgoing),
            sameCredentialsAsIncoming: outgoing.username === incoming.username,
          },
  };
}

/** Start of manual setup without a discovery: the address's domain and the address as username. */
export function guessFromAddress(form: AccountForm): AccountForm {
  const domain = form.email.split('@')[1] ?? '';
  const fill = (server: ServerForm) => ({
    host: server.host || domain,
    username: server.username || form.email,
  });
  return {
    ...form,
    incoming: { ...form.incoming, ...fill(form.incoming) },
    outgoing: { ...form.outgoing, ...fill(form.outgoing) },
  };
}

/** A new address carries the usernames along while they were still the old address. */
export function withEmail(form: AccountForm, email: string): AccountForm {
  const follow = (username: string) => (username === '' || username === form.email ? email : username);
  return {
    ...form,
    email,
    displayName: form.displayName === '' || form.displayName === form.email ? email : form.displayName,
    incoming: { ...form.incoming, username: follow(form.incoming.username) },
    outgoing: { ...form.outgoing, username: follow(form.outgoing.username) },
  };
}

export function usesPlaintext(form: AccountForm): boolean {
  return form.incoming.security === 'none' || form.outgoing.security === 'none';
}

/**
 * What a verification result is valid for: the servers and the credentials. Passwords are not
 * copied into it; a change to one bumps `credentialsVersion` instead.
 */
export function connectionKey(form: AccountForm, credentialsVersion: number): string {
  const { incoming, outgoing } = form;
  return JSON.stringify([incoming, outgoing, credentialsVersion, usesPlaintext(form) && form.insecureAcknowledged]);
}
