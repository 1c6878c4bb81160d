import type {
  AutoconfigSource,
  DiscoveredConfig,
  IncomingCandidate,
  OutgoingCandidate,
} from '../../../shared/model/setup';
import { fillPlaceholders, isHostName, type AddressParts } from './address';
import { childText, childrenNamed, parseXml, XmlError, type XmlElement } from './xml';

/** Either a config, or why the document gave none (in words for the step report). */
export type ConfigParse = { ok: true; config: DiscoveredConfig; notes: string[] } | { ok: false; reason: string };

type Security = 'implicit' | 'starttls';
type Candidate = OutgoingCandidate;

const MAX_SERVERS = 10;
const MAX_GUIDANCE = 1000;
// Methods a password-only client can use (password-encrypted is CRAM-MD5; over TLS such servers
// take PLAIN too). A server listing none of them (OAuth2-only, GSSAPI, NTLM …) is kept but noted.
const PASSWORD_AUTH = new Set(['password-cleartext', 'plain', 'password-encrypted', 'secure']);

/** Mozilla's socketType → our security; plain (or a missing socketType, which means plain) → null. */
export function mapSocketType(value: string | null): Security | null {
  switch (value?.toUpperCase()) {
    case 'SSL':
    case 'TLS':
      return 'implicit';
    case 'STARTTLS':
      return 'starttls';
    default:
      return null;
  }
}

interface ServerRead {
  candidate: Candidate | null;
  skipped: string | null;
  passwordAuth: boolean;
}

function readServer(server: XmlElement, parts: AddressParts): ServerRead {
  const type = server.attributes.type ?? '?';
  const hostTemplate = childText(server, 'hostname') ?? '';
  const host = fillPlaceholders(hostTemplate, parts)?.toLowerCase() ?? '';
  const port = Number(childText(server, 'port'));
  const socketType = childText(server, 'socketType');
  const security = mapSocketType(socketType);
  const methods = childrenNamed(server, 'authentication').map((element) => element.text.trim());
  const passwordAuth = methods.length === 0 || methods.some((method) => PASSWORD_AUTH.has(method));
  const skip = (why: string): ServerRead => ({
    candidate: null,
    skipped: `${type} ${host || '?'}: ${why}`,
    passwordAuth,
  });
  if (!isHostName(host)) return skip('no usable hostname');
  if (!Number.isInteger(port) || port < 1 || port > 65_535) return skip('no usable port');
  if (security === null) return skip(`socketType ${socketType ?? '(none)'} is unencrypted, left out`);
  // A missing or unusable username template means "the address", the common case.
  const username = fillPlaceholders(childText(server, 'username') ?? '%EMAILADDRESS%', parts) || parts.email;
  return { candidate: { host, port, security, username }, skipped: null, passwordAuth };
}

/** RFC 8314: implicit TLS first; otherwise the document's own order (a stable sort). */
function preferImplicit<T extends Candidate>(list: T[]): T[] {
  return list
    .map((candidate, index) => ({ candidate, index }))
    .sort(
      (a, b) =>
        Number(a.candidate.security !== 'implicit') - Number(b.candidate.security !== 'implicit') || a.index - b.index,
    )
    .map(({ candidate }) => candidate);
}

/** English (or unlabelled) text of the first matching children, whitespace collapsed. */
function englishText(elements: XmlElement[]): string | null {
  const preferred = elements.find((element) => (element.attributes.lang ?? 'en').startsWith('en')) ?? elements[0];
  const text = preferred?.text.replace(/\s+/g, ' ').trim();
  return text ? text : null;
}

function guidanceFrom(provider: XmlElement, oauthOnly: boolean): string | null {
  const lines: string[] = [];
  for (const enable of childrenNamed(provider, 'enable')) {
    const text = englishText(childrenNamed(enable, 'instruction'));
    const url = enable.attributes.visiturl;
    if (text) lines.push(url ? `${text} (${url})` : text);
  }
  for (const documentation of childrenNamed(provider, 'documentation').slice(0, 2)) {
    const text = englishText(childrenNamed(documentation, 'descr'));
    const url = documentation.attributes.url;
    if (url && /^https:\/\//i.test(url)) lines.push(text ? `${text}: ${url}` : `Help: ${url}`);
  }
  if (oauthOnly) lines.unshift('This provider signs mail apps in with OAuth 2.0; a password may not work.');
  // Control characters have no place in text shown to the user.
  const text = [...lines.join('\n')].filter((char) => char === '\n' || (char >= ' ' && char !== '\u007f')).join('');
  if (!text) return null;
  return text.length > MAX_GUIDANCE ? `${text.slice(0, MAX_GUIDANCE - 1)}…` : text;
}

/**
 * Reads a Mozilla autoconfig document (clientConfig/emailProvider) into candidates for this
 * address. Unencrypted servers are left out; never throws on bad input.
 */
export function parseAutoconfigXml(xml: string, parts: AddressParts, source: AutoconfigSource): ConfigParse {
  let root: XmlElement;
  try {
    root = parseXml(xml);
  } catch (error) {
    if (error instanceof XmlError) return { ok: false, reason: error.message };
    throw error;
  }
  if (root.name !== 'clientConfig') return { ok: false, reason: `not an autoconfig document (root <${root.name}>)` };
  const provider = childrenNamed(root, 'emailProvider')[0];
  if (!provider) return { ok: false, reason: 'the document has no <emailProvider>' };

  const notes: string[] = [];
  const incoming: IncomingCandidate[] = [];
  let passwordCapable = false;
  for (const server of childrenNamed(provider, 'incomingServer').slice(0, MAX_SERVERS)) {
    const protocol = server.attributes.type;
    if (protocol !== 'imap' && protocol !== 'pop3') continue; // exchange, ews, graph …: not for us
    const read = readServer(server, parts);
    if (read.skipped) notes.push(read.skipped);
    if (read.candidate) {
      incoming.push({ protocol, ...read.candidate });
      passwordCapable ||= read.passwordAuth;
    }
  }
  const outgoing: OutgoingCandidate[] = [];
  for (const server of childrenNamed(provider, 'outgoingServer').slice(0, MAX_SERVERS)) {
    if (server.attributes.type !== 'smtp') continue;
    const read = readServer(server, parts);
    if (read.skipped) notes.push(read.skipped);
    if (read.candidate) outgoing.push(read.candidate);
  }
  if (incoming.length === 0) {
    const why = notes.length > 0 ? ` (${notes.join('; ')})` : '';
    return { ok: false, reason: `no encrypted IMAP or POP3 server in the document${why}` };
  }
  const name = childText(provider, 'displayName');
  return {
    ok: true,
    notes,
    config: {
      source,
      providerName: name ? name.slice(0, 200) : null,
      incoming: preferImplicitByProtocol(incoming),
      outgoing: preferImplicit(outgoing),
      guidance: guidanceFrom(provider, !passwordCapable),
    },
  };
}

/** Implicit TLS first within IMAP and within POP3, IMAP still ahead of POP3. */
function preferImplicitByProtocol(list: IncomingCandidate[]): IncomingCandidate[] {
  return [
    ...preferImplicit(list.filter((c) => c.protocol === 'imap')),
    ...preferImplicit(list.filter((c) => c.protocol === 'pop3')),
  ];
}
