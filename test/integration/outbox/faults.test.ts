/**
 * The outbox end to end (queue → attempts → states → filing) against SMTP servers that fail on
 * purpose: each a policy of the real smtp-server library, counting every message it accepted,
 * so "exactly once" and "never resent by itself" are checked where a user would notice.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import type { NodeApp } from '../../../main/platform/node/open-node-app';
import type { Account } from '../../../shared/model/account';
import { privateCaAndLeaf, type TestCertificate } from '../../support/fault-servers/certificates';
import { startLineServer } from '../../support/fault-servers/line-server';
import { smtpWithoutStarttls } from '../../support/fault-servers/smtp';
import { addMailUser } from '../../support/mail-users';
import type { TestUser } from '../../support/mail-servers';
import { startFaultySmtpServer, type SmtpFaultPolicy } from '../../support/smtp-faults';
import { harnessAccount } from '../../support/harness-account';
import { call, findByMessageId, openOutboxApp, waitForState, withImap } from './fixture';

const servers = inject('mailServers');
const SMTP_USER = 'frank';
const SMTP_PASSWORD = 'fault-server-secret-42';
let ca: TestCertificate;
let leaf: TestCertificate;
let user: TestUser;
const profiles: string[] = [];
const closers: { close(): Promise<unknown> }[] = [];

beforeAll(async () => {
  ({ ca, leaf } = await privateCaAndLeaf('localhost'));
  user = await addMailUser(servers.dovecot, 'ofault');
});
afterEach(async () => {
  for (const item of closers.splice(0).reverse()) await item.close();
});
afterAll(() => {
  for (const dir of profiles) rmSync(dir, { recursive: true, force: true });
});

/** An app whose account sends through `port` (a misbehaving server) and files into the real Dovecot. */
async function appSendingTo(port: number): Promise<{ app: NodeApp; account: Account }> {
  const dir = mkdtempSync(join(tmpdir(), 'letterbox-outbox-faults-'));
  profiles.push(dir);
  const app = await openOutboxApp(servers, dir, { live: true, extraCa: [ca.certPem] });
  closers.push(app);
  const base = harnessAccount(servers, user);
  const outgoing = {
    host: '127.0.0.1',
    port,
    security: 'starttls' as const,
    username: SMTP_USER,
    sameCredentialsAsIncoming: false,
  };
  const saved = await call(app, 'accounts:save', {
    account: { ...base, id: null, outgoing: { ...base.outgoing, ...outgoing } },
    password: user.password,
    outgoingPassword: SMTP_PASSWORD,
  });
  await call(app, 'prefs:update', { undoSendSeconds: 0 });
  return { app, account: await call(app, 'accounts:get', { id: saved.id }) };
}

async function faulty(policy: Partial<SmtpFaultPolicy>) {
  const server = await startFaultySmtpServer({
    certPem: leaf.certPem,
    keyPem: leaf.keyPem,
    user: SMTP_USER,
    password: SMTP_PASSWORD,
    ...policy,
  });
  closers.push(server);
  return server;
}

function send(app: NodeApp, account: Account, subject: string, to: string[]) {
  return call(app, 'outbox:send', {
    draft: {
      accountId: account.id,
      identityId: account.identities[0]?.id ?? '',
      to: to.map((address) => ({ name: '', address })),
      subject,
      text: `Body of ${subject}`,
    },
  });
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the outbox against servers that fail on purpose', () => {
  it('451 greylisting: waits, retries by itself and delivers exactly once', async () => {
    const server = await faulty({ tempFailData: 1 });
    const { app, account } = await appSendingTo(server.port);
    const item = await send(app, account, 'Greylisted', ['rita@faults.test']);
    const done = await waitForState(app, item.id, ['filed']);
    expect(done.attempts).toBe(2);
    expect(server.deliveries.filter((d) => d.messageId === item.messageId)).toHaveLength(1);
    const details = await call(app, 'outbox:get', { id: item.id });
    expect(details.attemptLog.map((a) => a.outcome)).toEqual(['transient', 'sent']);
    expect(details.attemptLog[0]?.failure?.explanation).toMatch(/again later|retr/i);
  });

  it('one of three recipients refused with 550: sent to the other two, the refusal kept and explained', async () => {
    const server = await faulty({ rejectRecipients: ['nobody@faults.test'] });
    const { app, account } = await appSendingTo(server.port);
    const to = ['one@faults.test', 'nobody@faults.test', 'two@faults.test'];
    const item = await send(app, account, 'Partly refused', to);
    const done = await waitForState(app, item.id, ['filed']);
    const refused = done.recipients.filter((r) => !r.accepted);
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({ address: 'nobody@faults.test', code: 550, enhanced: '5.1.1' });
    expect(refused[0]?.explanation).toMatch(/does not exist|unknown|no such/i);
    expect(server.deliveries.map((d) => d.rcptTo)).toEqual([['one@faults.test', 'two@faults.test']]);
  });

  it('554 at the end of DATA: failed at once with the server’s words, never retried', async () => {
    const server = await faulty({ rejectData: { code: 554, text: '5.7.1 Message refused by policy' } });
    const { app, account } = await appSendingTo(server.port);
    const item = await send(app, account, 'Refused', ['rita@faults.test']);
    const failed = await waitForState(app, item.id, ['failed']);
    expect(failed.lastError?.reply).toMatch(/554 5\.7\.1 Message refused by policy/);
    expect(failed.lastError?.explanation).toMatch(/policy|refused/i);
    await pause(1000);
    expect((await call(app, 'outbox:get', { id: item.id })).attempts).toBe(1);
    expect(server.deliveries).toHaveLength(0);
  });

  it('connection dropped after the final dot: uncertain, never resent by itself; the user marks it sent', async () => {
    const server = await faulty({ dropAfterData: true });
    const { app, account } = await appSendingTo(server.port);
    const item = await send(app, account, 'Did it arrive?', ['rita@faults.test']);
    const uncertain = await waitForState(app, item.id, ['uncertain']);
    expect(uncertain.lastError?.explanation).toMatch(/may have|may or may not|not sure|could not confirm/i);
    await pause(1500); // several retry intervals of this app
    expect((await call(app, 'outbox:get', { id: item.id })).attempts).toBe(1);
    expect(server.refused.filter((d) => d.messageId === item.messageId)).toHaveLength(1);
    await call(app, 'outbox:markSent', { id: item.id });
    await waitForState(app, item.id, ['filed']);
    const inSent = await withImap(servers, user, (c) => findByMessageId(c, 'Sent', item.messageId));
    expect(inSent).toHaveLength(1);
    expect(server.refused.filter((d) => d.messageId === item.messageId)).toHaveLength(1);
  });

  it('STARTTLS hidden on the submission port: refused before AUTH, nothing sent in the clear', async () => {
    const lines = await startLineServer({ script: smtpWithoutStarttls() });
    closers.push(lines);
    const { app, account } = await appSendingTo(lines.port);
    const item = await send(app, account, 'Stripped', ['rita@faults.test']);
    const failed = await waitForState(app, item.id, ['failed']);
    expect(failed.lastError?.phase).toBe('tls');
    expect(failed.lastError?.explanation).toMatch(/encrypt/i);
    expect(lines.receivedText()).not.toMatch(/^AUTH/m);
    expect(lines.receivedText()).not.toContain(SMTP_PASSWORD);
  });
});
