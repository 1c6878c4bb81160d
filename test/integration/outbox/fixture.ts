import type { ImapFlow } from 'imapflow';
import { openNodeApp, type NodeApp } from '../../../main/platform/node/open-node-app';
import type { Account } from '../../../shared/model/account';
import type { OutboxState } from '../../../shared/model/outbox';
import { harnessAccount } from '../../support/harness-account';
import { harnessImapClient } from '../../support/imap-client';
import type { MailServers, TestUser } from '../../support/mail-servers';
import { pollUntil } from '../../support/poll';
import { readSpool, type RecordedMessage } from '../../support/smtp-recorder';
import { call } from '../actions/fixture';

export { call };

/** The app as the UI sees it, trusting the harness CA, with quick retries so tests need not wait minutes. */
export async function openOutboxApp(
  servers: MailServers,
  profileDir: string,
  options: { live?: boolean; extraCa?: string[] } = {},
): Promise<NodeApp> {
  return openNodeApp({
    profileDir,
    shell: 'cli',
    env: { LETTERBOX_SECRETS: 'vault' },
    sync: { session: { trust: { extraCa: [servers.tls.ca] } } },
    outbox: {
      extraCa: options.extraCa ?? [servers.tls.ca],
      policy: { delayMs: () => 300, giveUpAfterMs: 60_000 },
      pollMs: 200,
      timeoutMs: 5_000,
    },
    ...(options.live ? { live: { pop3IntervalMs: 3_600_000 } } : {}),
  });
}

/** Saves `user`'s harness account, optionally with SMTP on another port (a proxy, a faulty server). */
export async function saveSender(
  app: NodeApp,
  servers: MailServers,
  user: TestUser,
  outgoing: Partial<Account['outgoing']> = {},
): Promise<Account> {
  const account = harnessAccount(servers, user);
  const draft = { ...account, id: null, outgoing: { ...account.outgoing, ...outgoing } };
  const saved = await call(app, 'accounts:save', { account: draft, password: user.password });
  return call(app, 'accounts:get', { id: saved.id });
}

export function waitForState(app: NodeApp, id: string, states: readonly OutboxState[], timeoutMs = 10_000) {
  return pollUntil(
    async () => {
      const item = await call(app, 'outbox:get', { id });
      return states.includes(item.state) ? item : undefined;
    },
    { timeoutMs, intervalMs: 50, what: `outbox item ${id} in ${states.join('/')}` },
  );
}

export async function spooled(servers: MailServers, messageId: string): Promise<RecordedMessage[]> {
  return (await readSpool(servers.smtp.spoolDir)).filter((m) =>
    m.raw.toString('latin1').includes(`Message-ID: ${messageId}`),
  );
}

/** Runs `body` with an IMAP connection of `user` (another client reading the server's truth). */
export async function withImap<T>(servers: MailServers, user: TestUser, body: (client: ImapFlow) => Promise<T>) {
  const client = harnessImapClient(servers, user);
  await client.connect();
  try {
    return await body(client);
  } finally {
    await client.logout().catch(() => client.close());
  }
}

/** Sources of messages with this Message-ID in `path`, with their flags. */
export async function findByMessageId(
  client: ImapFlow,
  path: string,
  messageId: string,
): Promise<{ source: Buffer; flags: Set<string> }[]> {
  const lock = await client.getMailboxLock(path);
  try {
    const uids = await client.search({ header: { 'message-id': messageId } }, { uid: true });
    if (!uids || uids.length === 0) return [];
    const found = await client.fetchAll(uids.join(','), { source: true, flags: true }, { uid: true });
    return found.map((m) => ({ source: m.source ?? Buffer.alloc(0), flags: m.flags ?? new Set<string>() }));
  } finally {
    lock.release();
  }
}
