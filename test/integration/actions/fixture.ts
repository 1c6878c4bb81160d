import { openNodeApp, type NodeApp } from '../../../main/platform/node/open-node-app';
import type { ChannelName } from '../../../shared/ipc/channels';
import type { ChannelInput, ChannelOutput } from '../../../shared/ipc/contract';
import type { MailServers, TestUser } from '../../support/mail-servers';
import { accountFor } from '../sync/fixture';

/** The app as the UI sees it: channels through the dispatcher, a profile the test can reopen. */
export async function openApp(servers: MailServers, profileDir: string): Promise<NodeApp> {
  return openNodeApp({
    profileDir,
    shell: 'cli',
    env: { LETTERBOX_SECRETS: 'vault' },
    sync: { session: { trust: { extraCa: [servers.tls.ca] } } },
  });
}

export async function call<C extends ChannelName>(
  app: NodeApp,
  channel: C,
  input: ChannelInput<C>,
): Promise<ChannelOutput<C>> {
  const result = await app.dispatcher.dispatch(channel, input, { transport: 'test' });
  if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code });
  return result.value as ChannelOutput<C>;
}

/** Saves an account for `user` whose IMAP goes through `port` (a cut proxy) and returns its id. */
export async function saveAccount(app: NodeApp, servers: MailServers, user: TestUser, port: number): Promise<string> {
  const draft = accountFor(servers, user, { port });
  const saved = await call(app, 'accounts:save', { account: { ...draft, id: null }, password: user.password });
  return saved.id;
}

export interface Row {
  id: string;
  mailbox_id: string;
  path: string;
  uid: number | null;
  modseq: string | null;
  subject: string;
  unread: number;
  flagged: number;
  flags: string;
}

export function rowBySubject(app: NodeApp, accountId: string, subject: string): Row | undefined {
  return app.ctx.store.db.get<Row>(
    `SELECT msg.id, msg.mailbox_id, mbx.path, msg.uid, msg.modseq, msg.subject, msg.unread, msg.flagged, msg.flags
       FROM messages msg JOIN mailboxes mbx ON mbx.id = msg.mailbox_id
      WHERE msg.account_id = ? AND msg.subject = ?`,
    [accountId, subject],
  );
}

export function rowsBySubject(app: NodeApp, accountId: string, subject: string): Row[] {
  return app.ctx.store.db.all<Row>(
    `SELECT msg.id, msg.mailbox_id, mbx.path, msg.uid, msg.subject FROM messages msg
       JOIN mailboxes mbx ON mbx.id = msg.mailbox_id WHERE msg.account_id = ? AND msg.subject = ?`,
    [accountId, subject],
  );
}

export function mailboxId(app: NodeApp, accountId: string, path: string): string {
  const row = app.ctx.store.db.get<{ id: string }>('SELECT id FROM mailboxes WHERE account_id = ? AND path = ?', [
    accountId,
    path,
  ]);
  if (!row) throw new Error(`no folder ${path}`);
  return row.id;
}

export function pending(
  app: NodeApp,
  accountId: string,
): { kind: string; attempts: number; last_error: string | null }[] {
  return app.ctx.store.db.all(
    'SELECT kind, attempts, last_error FROM pending_actions WHERE account_id = ? ORDER BY id',
    [accountId],
  );
}
