import { describe, expect, it } from 'vitest';
import { Pop3OptionsSchema, type Pop3Options } from '../../../shared/model/account';
import {
  joinListing,
  planDeletions,
  planRetrieval,
  policyMayDelete,
  type KnownMessage,
  type ServerMessage,
} from '../../../main/sync/pop3/plan';

const now = new Date('2026-11-30T12:00:00Z');
const server: ServerMessage[] = [
  { number: 1, uidl: 'a', size: 100 },
  { number: 2, uidl: 'b', size: 200 },
  { number: 3, uidl: 'c', size: 5000 },
  { number: 4, uidl: 'd', size: 400 },
];
/** localId 'pending': downloaded, its message row not written yet. */
const known = (rows: [uidl: string, daysAgo: number, localId: string | null][]): Map<string, KnownMessage> =>
  new Map(
    rows.map(([uidl, daysAgo, localId]) => [
      uidl,
      {
        uidl,
        messageId: localId === 'pending' ? null : localId,
        retrievedAt: new Date(now.getTime() - daysAgo * 86_400_000).toISOString(),
        deletedFromServerAt: null,
        pending: localId === 'pending',
      },
    ]),
  );
const policy = (options: Partial<Pop3Options>): Pop3Options => Pop3OptionsSchema.parse(options);
const planned = (options: Partial<Pop3Options>, rows: Map<string, KnownMessage>) =>
  planDeletions(policy(options), server, rows, now).map((d) => `${d.message.uidl}:${d.reason}`);

describe('POP3 retrieval plan', () => {
  it('fetches only unknown keys, newest (highest number) first, and sets aside those over the cap', () => {
    const plan = planRetrieval(server, known([['b', 0, 'm-b']]), 1000);
    expect(plan.fetch.map((m) => m.uidl)).toEqual(['d', 'a']);
    expect(plan.tooLarge.map((m) => m.uidl)).toEqual(['c']);
  });

  it('fetches nothing when everything is known', () => {
    const all = known(server.map((m) => [m.uidl, 0, `m-${m.uidl}`]));
    expect(planRetrieval(server, all, 10_000)).toEqual({ fetch: [], tooLarge: [] });
  });

  it('joins LIST and UIDL by number and drops numbers missing from either', () => {
    expect(
      joinListing(
        [
          { number: 1, size: 10 },
          { number: 2, size: 20 },
        ],
        [
          { number: 2, uidl: 'x' },
          { number: 3, uidl: 'y' },
        ],
      ),
    ).toEqual([{ number: 2, uidl: 'x', size: 20 }]);
  });
});

describe('POP3 deletion policies', () => {
  const rows = known([
    ['a', 40, 'm-a'],
    ['b', 5, null],
    ['c', 31, null],
  ]);

  it('leave on server (the default) deletes nothing', () => {
    expect(planned({}, rows)).toEqual([]);
  });

  it('delete after N days deletes committed messages retrieved at least N days ago', () => {
    expect(planned({ deleteAfterDays: 30 }, rows)).toEqual(['a:older-than-days', 'c:older-than-days']);
    expect(planned({ deleteAfterDays: 40 }, rows)).toEqual(['a:older-than-days']);
    expect(planned({ deleteAfterDays: 41 }, rows)).toEqual([]);
  });

  it('delete when deleted here deletes messages whose local copy is gone', () => {
    expect(planned({ deleteWhenDeletedHere: true }, rows)).toEqual(['b:deleted-here', 'c:deleted-here']);
  });

  it('delete when deleted here never deletes a message downloaded and not listed yet', () => {
    const waiting = known([
      ['a', 0, 'pending'],
      ['b', 0, null],
    ]);
    expect(planned({ deleteWhenDeletedHere: true }, waiting)).toEqual(['b:deleted-here']);
  });

  it('policies combine', () => {
    expect(planned({ deleteWhenDeletedHere: true, deleteAfterDays: 35 }, rows)).toEqual([
      'a:older-than-days',
      'b:deleted-here',
      'c:deleted-here',
    ]);
  });

  it('a policy that may not delete is known before reading any state, and one that may is', () => {
    const every = known([
      ['a', 400, 'm-a'],
      ['b', 400, null],
      ['c', 0, 'pending'],
      ['d', 0, null],
    ]);
    for (const leaveOnServer of [true, false]) {
      for (const deleteWhenDeletedHere of [true, false]) {
        for (const deleteAfterDays of [null, 1, 365]) {
          const options = { leaveOnServer, deleteWhenDeletedHere, deleteAfterDays };
          expect(policyMayDelete(policy(options)), JSON.stringify(options)).toBe(planned(options, every).length > 0);
        }
      }
    }
  });

  it('not leaving on server deletes every committed message, and never an uncommitted one', () => {
    expect(planned({ leaveOnServer: false }, rows)).toEqual([
      'a:not-left-on-server',
      'b:not-left-on-server',
      'c:not-left-on-server',
    ]);
    // d has no pop3_messages row: it was never committed here, so no policy may delete it.
    expect(planned({ leaveOnServer: false, deleteAfterDays: 1, deleteWhenDeletedHere: true }, rows)).not.toContain(
      expect.stringMatching(/^d:/),
    );
  });
});
