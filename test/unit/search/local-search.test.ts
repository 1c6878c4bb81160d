import { beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../../main/store/open-store';
import { useTempDirs } from '../../support/temp-dir';
import { addMailbox, addMessage, ids, search, testAccount } from './fixture';

const tempDir = useTempDirs();
const accounts = [testAccount('a1', 'Work', 'ada@example.com'), testAccount('a2', 'Home', 'ada@home.example')];
let store: Store;

beforeEach(() => {
  store = openStore(tempDir());
  const db = store.db;
  addMailbox(db, 'inbox', 'a1', 'INBOX', 'inbox');
  addMailbox(db, 'sent', 'a1', 'Sent Items', 'sent');
  addMailbox(db, 'projects', 'a1', 'Work/Projects');
  addMailbox(db, 'inbox2', 'a2', 'INBOX', 'inbox');
  addMessage(db, {
    id: 'report',
    subject: 'Quarterly report',
    from: ['Grace Hopper', 'grace@example.org'],
    to: [['Ada Lovelace', 'ada@example.com']],
    cc: [['Bob Builder', 'bob@example.net']],
    body: 'Please find the quarterly report attached. Revenue is up.',
    files: ['report-q3.pdf'],
    date: '2026-03-10T09:00:00.000Z',
    size: 50_000,
  });
  addMessage(db, {
    id: 'reunion',
    subject: 'Réunion demain',
    from: ['Éloïse Dupont', 'eloise@example.fr'],
    to: [['Ada Lovelace', 'ada@example.com']],
    body: 'On se voit au café à 10h. Apporte le rapport.',
    date: '2026-02-01T09:00:00.000Z',
    unread: false,
    flagged: true,
    size: 2_000,
  });
  addMessage(db, {
    id: 'strasse',
    mailbox: 'projects',
    subject: 'Straße gesperrt',
    from: ['Jürgen Groß', 'juergen@example.de'],
    body: 'Die Hauptstrasse ist gesperrt. Große Baustelle.',
    date: '2026-01-15T09:00:00.000Z',
    size: 3_000,
  });
  addMessage(db, {
    id: 'nihongo',
    account: 'a2',
    mailbox: 'inbox2',
    subject: '日本語のメール',
    from: ['田中 Tanaka', 'tanaka@example.jp'],
    body: '東京で会議があります。日本語の資料を送ります。',
    date: '2025-12-24T09:00:00.000Z',
    size: 6 * 1024 * 1024,
  });
  addMessage(db, {
    id: 'lunch',
    mailbox: 'sent',
    subject: 'Lunch?',
    from: ['Ada Lovelace', 'ada@example.com'],
    to: [['Grace Hopper', 'grace@example.org']],
    body: 'Lunch at noon? The report can wait.',
    date: '2026-03-11T09:00:00.000Z',
    unread: false,
  });
});

const find = (query: string) => ids(search(store.db, accounts, query));

describe('search: words and phrases', () => {
  it('finds free words in any field, all of them required, newest first', () => {
    expect(find('report')).toEqual(['lunch', 'report']);
    expect(find('report revenue')).toEqual(['report']);
    expect(find('grace')).toEqual(['lunch', 'report']);
    expect(find('bob')).toEqual(['report']);
    expect(find('nothing-like-this')).toEqual([]);
  });

  it('matches a "quoted phrase" only with its words in order', () => {
    expect(find('"quarterly report"')).toEqual(['report']);
    expect(find('"report quarterly"')).toEqual([]);
  });

  it('matches attachment file names', () => {
    expect(find('q3')).toEqual(['report']);
    expect(find('pdf')).toEqual(['report']);
  });

  it('takes a trailing * as a prefix', () => {
    expect(find('quart*')).toEqual(['report']);
    expect(find('quart')).toEqual([]);
  });

  it('returns nothing for a blank query', () => {
    expect(find('   ')).toEqual([]);
  });
});

describe('search: operators', () => {
  it('from:, to:, cc: match names and addresses in their own field only', () => {
    expect(find('from:grace')).toEqual(['report']);
    expect(find('from:grace@example.org')).toEqual(['report']);
    expect(find('to:grace')).toEqual(['lunch']);
    expect(find('cc:bob')).toEqual(['report']);
    expect(find('cc:ada')).toEqual([]);
    expect(find('from:"Grace Hopper"')).toEqual(['report']);
  });

  it('subject: looks at the subject only', () => {
    expect(find('subject:report')).toEqual(['report']);
    expect(find('subject:"quarterly report"')).toEqual(['report']);
    expect(find('subject:revenue')).toEqual([]);
  });

  it('has:attachment, is:unread, is:read, is:flagged, is:unflagged', () => {
    expect(find('has:attachment')).toEqual(['report']);
    expect(find('is:unread')).toEqual(['report', 'strasse', 'nihongo']);
    expect(find('is:read')).toEqual(['lunch', 'reunion']);
    expect(find('is:flagged')).toEqual(['reunion']);
    expect(find('is:unflagged report')).toEqual(['lunch', 'report']);
  });

  it('in: takes a folder name, a path, or a special name, in any case', () => {
    expect(find('in:inbox')).toEqual(['report', 'reunion', 'nihongo']);
    expect(find('in:sent')).toEqual(['lunch']);
    expect(find('in:"sent items"')).toEqual(['lunch']);
    expect(find('in:projects')).toEqual(['strasse']);
    expect(find('in:work/projects')).toEqual(['strasse']);
    expect(find('in:nowhere')).toEqual([]);
  });

  it('account: takes the display name or an address', () => {
    expect(find('account:home')).toEqual(['nihongo']);
    expect(find('account:ada@home.example')).toEqual(['nihongo']);
    expect(find('account:Work in:inbox')).toEqual(['report', 'reunion']);
  });

  it('before: excludes the day, after: includes it; both date forms', () => {
    expect(find('before:2026-02-01')).toEqual(['strasse', 'nihongo']);
    expect(find('after:2026-02-01')).toEqual(['lunch', 'report', 'reunion']);
    expect(find('after:2026/01/01 before:2026/03/01')).toEqual(['reunion', 'strasse']);
  });

  it('larger: and smaller: take bytes, K, M and G', () => {
    expect(find('larger:5M')).toEqual(['nihongo']);
    expect(find('larger:10K smaller:1G')).toEqual(['report', 'nihongo']);
    expect(find('smaller:2500')).toEqual(['lunch', 'reunion']);
  });

  it('- negates a word, a phrase or an operator', () => {
    expect(find('report -revenue')).toEqual(['lunch']);
    expect(find('-is:unread')).toEqual(['lunch', 'reunion']);
    expect(find('in:inbox -from:grace')).toEqual(['reunion', 'nihongo']);
    expect(find('-"quarterly report" grace')).toEqual(['lunch']);
    expect(find('-report')).toEqual(['reunion', 'strasse', 'nihongo']);
  });

  it('OR joins alternatives and binds looser than AND; parentheses group', () => {
    expect(find('revenue OR noon')).toEqual(['lunch', 'report']);
    expect(find('from:eloise OR from:tanaka')).toEqual(['reunion', 'nihongo']);
    expect(find('is:flagged OR has:attachment')).toEqual(['report', 'reunion']);
    expect(find('report is:read OR baustelle')).toEqual(['lunch', 'strasse']);
    expect(find('(revenue OR noon) is:unread')).toEqual(['report']);
    expect(find('-(revenue OR noon) in:inbox')).toEqual(['reunion', 'nihongo']);
  });
});

describe('search: non-ASCII text', () => {
  it('folds accents and case both ways (é, ï, É)', () => {
    expect(find('reunion')).toEqual(['reunion']);
    expect(find('RÉUNION')).toEqual(['reunion']);
    expect(find('cafe')).toEqual(['reunion']);
    expect(find('café')).toEqual(['reunion']);
    expect(find('from:eloise')).toEqual(['reunion']);
  });

  it('treats ß and ss alike, in the subject and the body', () => {
    expect(find('subject:strasse')).toEqual(['strasse']);
    expect(find('subject:straße')).toEqual(['strasse']);
    expect(find('hauptstraße')).toEqual(['strasse']);
    expect(find('grosse baustelle')).toEqual(['strasse']);
    expect(find('from:groß')).toEqual(['strasse']);
  });

  it('finds CJK words inside longer runs, in the subject and the body', () => {
    expect(find('subject:日本語')).toEqual(['nihongo']);
    expect(find('メール')).toEqual(['nihongo']);
    expect(find('東京')).toEqual(['nihongo']);
    expect(find('会議')).toEqual(['nihongo']);
    expect(find('資料を送ります')).toEqual(['nihongo']);
    expect(find('京')).toEqual(['nihongo']);
    expect(find('from:田中')).toEqual(['nihongo']);
    expect(find('日本人')).toEqual([]);
  });
});
