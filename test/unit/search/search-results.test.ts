import { beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../../main/store/open-store';
import { useTempDirs } from '../../support/temp-dir';
import { addMailbox, addMessage, ids, search, testAccount } from './fixture';

const tempDir = useTempDirs();
const accounts = [testAccount('a1', 'Work', 'ada@example.com')];
let store: Store;

beforeEach(() => {
  store = openStore(tempDir());
  addMailbox(store.db, 'inbox', 'a1', 'INBOX', 'inbox');
});

const find = (query: string) => ids(search(store.db, accounts, query));

describe('search results: highlights', () => {
  it('marks matches in the subject and cuts the snippet around the first match in the body', () => {
    addMessage(store.db, {
      id: 'm1',
      subject: 'Budget for the offsite',
      body: `${'Lorem ipsum dolor sit amet. '.repeat(20)}The budget was approved yesterday.\nSee the attached figures.`,
      date: '2026-01-01T00:00:00.000Z',
    });
    const output = search(store.db, accounts, 'budget');
    if (!output.ok) throw new Error(output.message);
    const [hit] = output.hits;
    expect(hit?.subjectSegments).toEqual([
      { text: 'Budget', match: true },
      { text: ' for the offsite', match: false },
    ]);
    const snippet = hit?.snippetSegments ?? [];
    expect(snippet[0]).toEqual({ text: '…', match: false });
    expect(snippet.filter((s) => s.match)).toEqual([{ text: 'budget', match: true }]);
    expect(snippet.map((s) => s.text).join('')).toContain('The budget was approved yesterday. See the attached');
  });

  it('marks accented, ß and CJK matches in the original spelling', () => {
    addMessage(store.db, {
      id: 'm1',
      subject: 'Café an der Straße — 日本語のメール',
      body: 'Rendez-vous au CAFÉ.',
      date: '2026-01-01T00:00:00.000Z',
    });
    const output = search(store.db, accounts, 'cafe strasse 日本語');
    if (!output.ok) throw new Error(output.message);
    const hit = output.hits[0];
    expect(hit?.subjectSegments.filter((s) => s.match).map((s) => s.text)).toEqual(['Café', 'Straße', '日本語']);
    expect(hit?.snippetSegments.filter((s) => s.match).map((s) => s.text)).toEqual(['CAFÉ']);
  });

  it('highlights the whole word of a prefix, and nothing for negated or header-only terms', () => {
    addMessage(store.db, {
      id: 'm1',
      subject: 'Meeting moved',
      from: ['Grace Hopper', 'grace@example.org'],
      body: 'The meetings are moved to Friday, not Thursday.',
      date: '2026-01-01T00:00:00.000Z',
    });
    const output = search(store.db, accounts, 'meet* from:grace -thursdays');
    if (!output.ok) throw new Error(output.message);
    expect(output.hits[0]?.subjectSegments).toEqual([
      { text: 'Meeting', match: true },
      { text: ' moved', match: false },
    ]);
    expect(output.hits[0]?.snippetSegments.filter((s) => s.match).map((s) => s.text)).toEqual(['meetings']);
  });

  it('falls back to the stored snippet when the body is not downloaded', () => {
    addMessage(store.db, { id: 'm1', subject: 'Invoice 42', body: null, date: '2026-01-01T00:00:00.000Z' });
    const output = search(store.db, accounts, 'invoice');
    if (!output.ok) throw new Error(output.message);
    expect(output.hits[0]?.snippetSegments).toEqual([]);
    expect(output.hits[0]?.subjectSegments[0]).toEqual({ text: 'Invoice', match: true });
  });
});

describe('search results: order and pages', () => {
  beforeEach(() => {
    for (let i = 0; i < 7; i++) {
      addMessage(store.db, {
        id: `m${i}`,
        subject: i === 2 ? 'Budget budget budget' : `Note ${i}`,
        body: i % 2 === 0 ? 'about the budget' : 'nothing else',
        date: `2026-01-0${i + 1}T00:00:00.000Z`,
      });
    }
  });

  it('pages newest first with a cursor, without gaps or repeats', () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const output = search(store.db, accounts, 'note OR budget', { limit: 3, cursor });
      if (!output.ok) throw new Error(output.message);
      seen.push(...output.hits.map((h) => h.id));
      cursor = output.nextCursor;
    } while (cursor !== null);
    expect(seen).toEqual(['m6', 'm5', 'm4', 'm3', 'm2', 'm1', 'm0']);
  });

  it('ranks by relevance on request (a subject match outranks a body match), paged by offset', () => {
    const first = search(store.db, accounts, 'budget', { sort: 'relevance', limit: 2 });
    if (!first.ok) throw new Error(first.message);
    expect(first.hits[0]?.id).toBe('m2');
    expect(first.hits).toHaveLength(2);
    const second = search(store.db, accounts, 'budget', { sort: 'relevance', limit: 2, cursor: first.nextCursor });
    const rest = ids(second);
    expect(new Set([...ids(first), ...rest])).toEqual(new Set(['m0', 'm2', 'm4', 'm6']));
    expect(find('budget')).toEqual(['m6', 'm4', 'm2', 'm0']);
  });

  it('walks the date index when many messages match, and still pages exactly', () => {
    for (let i = 0; i < 1100; i++) {
      addMessage(store.db, {
        id: `bulk${String(i).padStart(4, '0')}`,
        subject: 'weekly digest',
        body: i % 3 === 0 ? 'budget inside' : 'plain',
        date: new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString(),
      });
    }
    const pages = (query: string) => {
      const all: string[] = [];
      let cursor: string | null = null;
      do {
        const output = search(store.db, accounts, query, { limit: 500, cursor });
        if (!output.ok) throw new Error(output.message);
        all.push(...output.hits.map((h) => h.id));
        cursor = output.nextCursor;
      } while (cursor !== null);
      return all;
    };
    // One word in every message: each message in date order is checked on its own.
    const all = pages('digest');
    expect(all).toHaveLength(1100);
    // Two words: the match set is built once and the date index walked against it.
    expect(pages('weekly digest')).toEqual(all);
    expect(all[0]).toBe('bulk1099');
    expect(all.at(-1)).toBe('bulk0000');
    expect(ids(search(store.db, accounts, 'digest budget', { limit: 500 }))).toHaveLength(367);
  });

  it('scopes to one account', () => {
    addMailbox(store.db, 'other', 'a2', 'INBOX', 'inbox');
    addMessage(store.db, { id: 'x', account: 'a2', mailbox: 'other', subject: 'budget elsewhere', date: '2026-02-01' });
    expect(ids(search(store.db, accounts, 'budget', { accountId: 'a2' }))).toEqual(['x']);
    expect(ids(search(store.db, accounts, 'budget', { accountId: 'a1' }))).toEqual(['m6', 'm4', 'm2', 'm0']);
  });

  it('says so when a cursor is not one of ours', () => {
    expect(search(store.db, accounts, 'budget', { cursor: 'bm9wZQ' })).toMatchObject({ ok: false, at: 0 });
  });
});

describe('search: user text never becomes SQL or FTS5 syntax', () => {
  it.each([
    `'; DROP TABLE messages; SELECT 1`,
    'NEAR(a b)',
    'a AND b',
    'NOT x',
    '{subject}: x',
    '"a""b"',
    '^start',
    'x:y',
    '*',
    '""',
    '-""',
    '!!! ???',
  ])('%s', (query) => {
    addMessage(store.db, { id: 'z', subject: 'AND NOT NEAR drop table', date: '2026-03-01' });
    expect(search(store.db, accounts, query).ok).toBe(true);
    expect(store.db.get<{ n: number }>('SELECT count(*) AS n FROM messages')?.n).toBe(1);
  });

  it('finds words that are FTS5 keywords in the text', () => {
    addMessage(store.db, { id: 'z', subject: 'AND NOT NEAR', date: '2026-03-01' });
    expect(find('NEAR')).toEqual(['z']);
    expect(find('and not')).toEqual(['z']);
  });

  it('reports an account: name that matches no account', () => {
    expect(search(store.db, accounts, 'budget account:home')).toEqual({
      ok: false,
      message: 'No account is called "home" (accounts: Work)',
      at: 7,
    });
  });
});
