import { afterEach, describe, expect, it } from 'vitest';
import { fieldsFromContent } from '../../../main/drafts/snapshot';
import { getOutboxRow, attemptRows } from '../../../main/outbox/outbox-store';
import { cancelToDraft, markSent, retryNow } from '../../../main/outbox/transitions';
import type { Store } from '../../../main/store/open-store';
import { DraftContentSchema } from '../../../shared/model/outbox';
import { useTempDirs } from '../../support/temp-dir';
import { openTestStore, outcomes, queue, RecordingFiler, runnerFor, ScriptedSmtp } from './outbox-rig';

const tempDir = useTempDirs();
const stores: Store[] = [];
function store(dir = tempDir()): Store {
  const opened = openTestStore(dir);
  stores.push(opened);
  return opened;
}
afterEach(() => {
  for (const s of stores.splice(0)) s.db.close();
});

const state = (s: Store, id: string) => getOutboxRow(s.db, id)?.state;

describe('outbox runner', () => {
  it('sends due messages in queue order over one connection, then files the exact bytes', async () => {
    const s = store();
    const a = await queue(s);
    const b = await queue(s);
    const c = await queue(s);
    const smtp = new ScriptedSmtp();
    const filer = new RecordingFiler();
    const summary = await runnerFor(s, smtp, filer).pass();
    expect(summary).toMatchObject({ attempted: 3, sent: 3, filed: 3 });
    expect(smtp.connections).toBe(1);
    expect(smtp.sent.map((m) => m.raw)).toEqual([a.raw, b.raw, c.raw]);
    expect(filer.filed).toEqual([a.raw, b.raw, c.raw]);
    expect(filer.sessions).toBe(1);
    for (const { id } of [a, b, c]) expect(state(s, id)).toBe('filed');
    expect(getOutboxRow(s.db, a.id)?.queue_id).toBe('Q1');
  });

  it('leaves scheduled messages alone until their time', async () => {
    const s = store();
    const later = await queue(s, { state: 'scheduled', sendAt: new Date(Date.now() + 60_000), sendLater: true });
    const smtp = new ScriptedSmtp();
    await runnerFor(s, smtp, new RecordingFiler()).pass();
    expect(smtp.sent).toHaveLength(0);
    expect(state(s, later.id)).toBe('scheduled');
    const runner = runnerFor(s, smtp, new RecordingFiler(), { now: () => new Date(Date.now() + 61_000) });
    await runner.pass();
    expect(smtp.sent).toHaveLength(1);
  });

  it('retries a transient failure after the backoff and sends exactly once', async () => {
    const s = store();
    const m = await queue(s);
    const smtp = new ScriptedSmtp([outcomes.transient()]);
    const filer = new RecordingFiler();
    await runnerFor(s, smtp, filer).pass();
    const row = getOutboxRow(s.db, m.id);
    expect(row?.state).toBe('queued');
    expect(row?.attempts).toBe(1);
    expect(Date.parse(row?.next_attempt_at ?? '') - Date.now()).toBeGreaterThan(50_000);
    // Not yet due: nothing goes out.
    await runnerFor(s, smtp, filer).pass();
    expect(smtp.sent).toHaveLength(1);
    await runnerFor(s, smtp, filer, { now: () => new Date(Date.now() + 61_000) }).pass();
    expect(smtp.sent).toHaveLength(2);
    expect(state(s, m.id)).toBe('filed');
    expect(attemptRows(s.db, m.id).map((a) => a.outcome)).toEqual(['transient', 'sent']);
  });

  it('gives up on transient failures after the retry window', async () => {
    const s = store();
    const m = await queue(s);
    const smtp = new ScriptedSmtp([outcomes.transient()]);
    await runnerFor(s, smtp, new RecordingFiler(), {
      policy: { delayMs: () => 60_000, giveUpAfterMs: 30_000 },
    }).pass();
    expect(state(s, m.id)).toBe('failed');
  });

  it('fails at once on a permanent error and keeps the explanation', async () => {
    const s = store();
    const m = await queue(s);
    await runnerFor(s, new ScriptedSmtp([outcomes.permanent()]), new RecordingFiler()).pass();
    const row = getOutboxRow(s.db, m.id);
    expect(row?.state).toBe('failed');
    expect(JSON.parse(row?.last_error_json ?? '{}')).toMatchObject({ explanation: 'explained permanent' });
  });

  it('never resends an uncertain message by itself; the user chooses', async () => {
    const s = store();
    const m = await queue(s);
    const smtp = new ScriptedSmtp([outcomes.uncertain()]);
    const filer = new RecordingFiler();
    await runnerFor(s, smtp, filer).pass();
    expect(state(s, m.id)).toBe('uncertain');
    await runnerFor(s, smtp, filer, { now: () => new Date(Date.now() + 48 * 3_600_000) }).pass();
    expect(smtp.sent).toHaveLength(1);

    retryNow(s.db, m.id, new Date().toISOString());
    await runnerFor(s, smtp, filer).pass();
    expect(smtp.sent).toHaveLength(2);
    expect(state(s, m.id)).toBe('filed');
  });

  it('files a message the user marked as sent, without sending it', async () => {
    const s = store();
    const m = await queue(s);
    const smtp = new ScriptedSmtp([outcomes.uncertain()]);
    const filer = new RecordingFiler();
    await runnerFor(s, smtp, filer).pass();
    markSent(s.db, m.id, new Date().toISOString());
    await runnerFor(s, smtp, filer).pass();
    expect(smtp.sent).toHaveLength(1);
    expect(filer.filed).toEqual([m.raw]);
    expect(state(s, m.id)).toBe('filed');
  });

  it('holds back the rest of a server’s queue when the server cannot be reached, without counting attempts', async () => {
    const s = store();
    const a = await queue(s);
    const b = await queue(s);
    const smtp = new ScriptedSmtp([outcomes.transient('connect')]);
    await runnerFor(s, smtp, new RecordingFiler()).pass();
    expect(smtp.sent).toHaveLength(1);
    const [rowA, rowB] = [getOutboxRow(s.db, a.id), getOutboxRow(s.db, b.id)];
    expect(rowB?.state).toBe('queued');
    expect(rowB?.attempts).toBe(0);
    expect(rowB?.next_attempt_at).toBe(rowA?.next_attempt_at);
    await runnerFor(s, smtp, new RecordingFiler(), { now: () => new Date(Date.now() + 61_000) }).pass();
    expect(smtp.sent.map((m) => m.raw)).toEqual([a.raw, a.raw, b.raw]);
  });

  it('keeps a message written while offline behind an earlier one waiting for the server', async () => {
    const s = store();
    const smtp = new ScriptedSmtp([outcomes.transient('connect')]);
    const first = await queue(s);
    await runnerFor(s, smtp, new RecordingFiler()).pass();
    const second = await queue(s);
    await runnerFor(s, smtp, new RecordingFiler()).pass();
    expect(smtp.sent.map((m) => m.raw)).toEqual([first.raw]);
    await runnerFor(s, smtp, new RecordingFiler(), { now: () => new Date(Date.now() + 61_000) }).pass();
    expect(smtp.sent.map((m) => m.raw)).toEqual([first.raw, first.raw, second.raw]);
  });

  it('does not hold others back behind a message the server refused for itself', async () => {
    const s = store();
    const smtp = new ScriptedSmtp([outcomes.transient('data')]);
    const first = await queue(s);
    await runnerFor(s, smtp, new RecordingFiler()).pass();
    const second = await queue(s);
    await runnerFor(s, smtp, new RecordingFiler()).pass();
    expect(smtp.sent.map((m) => m.raw)).toEqual([first.raw, second.raw]);
  });

  it('retries filing on its own and never resends because of it', async () => {
    const s = store();
    const m = await queue(s);
    const smtp = new ScriptedSmtp();
    const filer = new RecordingFiler();
    filer.failures = 1;
    await runnerFor(s, smtp, filer).pass();
    const row = getOutboxRow(s.db, m.id);
    expect(row?.state).toBe('sent');
    expect(row?.filing_error).toBe('IMAP server unavailable');
    await runnerFor(s, smtp, filer, { now: () => new Date(Date.now() + 10 * 60_000) }).pass();
    expect(smtp.sent).toHaveLength(1);
    expect(filer.filed).toEqual([m.raw]);
    expect(state(s, m.id)).toBe('filed');
  });

  it('turns a send cut off by a dead process into uncertain, and leaves a live owner’s send alone', async () => {
    const s = store();
    const dead = await queue(s);
    const live = await queue(s);
    const until = new Date(Date.now() + 600_000).toISOString();
    s.db.run(`UPDATE outbox SET state = 'sending', attempts = 1, lease_owner = 'cli:1', lease_until = ? WHERE id = ?`, [
      until,
      dead.id,
    ]);
    s.db.run(`UPDATE outbox SET state = 'sending', attempts = 1, lease_owner = 'web:2', lease_until = ? WHERE id = ?`, [
      until,
      live.id,
    ]);
    s.db.run(`INSERT INTO outbox_attempts (outbox_id, number, started_at) VALUES (?, 1, ?)`, [dead.id, until]);
    const smtp = new ScriptedSmtp();
    await runnerFor(s, smtp, new RecordingFiler(), { isAlive: (owner) => owner === 'web:2' }).pass();
    expect(state(s, dead.id)).toBe('uncertain');
    expect(attemptRows(s.db, dead.id)[0]?.outcome).toBe('interrupted');
    expect(state(s, live.id)).toBe('sending');
    expect(smtp.sent).toHaveLength(0);
  });

  it('lets two processes on one profile run at once without sending anything twice', async () => {
    const dir = tempDir();
    const first = store(dir);
    const second = store(dir);
    const queued = [];
    for (let i = 0; i < 20; i++) queued.push(await queue(first));
    const smtp = new ScriptedSmtp();
    await Promise.all([
      runnerFor(first, smtp, new RecordingFiler()).pass(),
      runnerFor(second, smtp, new RecordingFiler()).pass(),
    ]);
    expect(smtp.sent).toHaveLength(20);
    expect(new Set(smtp.sent.map((m) => m.raw.toString())).size).toBe(20);
  });

  it('turns a scheduled message back into a draft on undo, and refuses once it is sent', async () => {
    const s = store();
    const m = await queue(s, { state: 'scheduled', sendAt: new Date(Date.now() + 5_000) });
    const draftJson = getOutboxRow(s.db, m.id)?.draft_json;
    const draftId = cancelToDraft(s.db, m.id, new Date().toISOString());
    // A message queued without a draft comes back as draft fields: addresses as text to edit.
    const content = DraftContentSchema.parse(JSON.parse(draftJson ?? '{}'));
    const restored = s.db.get<{ draft_json: string }>('SELECT draft_json FROM drafts WHERE id = ?', [draftId]);
    expect(JSON.parse(restored?.draft_json ?? '{}')).toEqual(fieldsFromContent(content));
    expect(JSON.parse(restored?.draft_json ?? '{}')).toMatchObject({ subject: content.subject });
    expect(getOutboxRow(s.db, m.id)).toBeUndefined();

    const sent = await queue(s);
    await runnerFor(s, new ScriptedSmtp(), new RecordingFiler()).pass();
    expect(() => cancelToDraft(s.db, sent.id, new Date().toISOString())).toThrow(/can't be cancelled now/);
  });
});
