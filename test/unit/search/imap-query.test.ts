import { describe, expect, it } from 'vitest';
import { needsServer, toImapSearch, type FolderScope } from '../../../main/search/server/imap-query';
import { parseQuery } from '../../../main/search/query/parse';

const inbox: FolderScope = {
  accountId: 'a1',
  path: 'INBOX',
  name: 'INBOX',
  specialUse: 'inbox',
  inFolder: (name) => name.toLowerCase() === 'inbox',
  inAccount: (name) => name.toLowerCase() === 'work',
};

function imap(query: string) {
  const parsed = parseQuery(query);
  if (!parsed.ok || parsed.query === null) throw new Error(`bad query ${query}`);
  return toImapSearch(parsed.query, inbox);
}

describe('query → IMAP SEARCH', () => {
  it('translates each operator', () => {
    expect(imap('invoice')).toEqual({ text: 'invoice' });
    expect(imap('"quarterly report"')).toEqual({ text: 'quarterly report' });
    expect(imap('from:ada to:grace cc:bob subject:hi')).toEqual({ from: 'ada', to: 'grace', cc: 'bob', subject: 'hi' });
    expect(imap('is:unread is:flagged')).toEqual({ seen: false, flagged: true });
    expect(imap('is:read is:unflagged')).toEqual({ seen: true, flagged: false });
    expect(imap('before:2026-01-31 after:2025-01-01')).toEqual({ sentBefore: '2026-01-31', sentSince: '2025-01-01' });
    expect(imap('larger:5M smaller:1G')).toEqual({ larger: 5 * 1024 * 1024, smaller: 1024 ** 3 });
    expect(imap('has:attachment')).toEqual({ header: { 'content-type': 'multipart/mixed' } });
  });

  it('ANDs repeated keys through NOT(OR(NOT …)), negates and ORs', () => {
    expect(imap('alpha beta')).toEqual({ not: { or: [{ not: { text: 'alpha' } }, { not: { text: 'beta' } }] } });
    expect(imap('-alpha')).toEqual({ not: { text: 'alpha' } });
    expect(imap('alpha OR from:ada')).toEqual({ or: [{ text: 'alpha' }, { from: 'ada' }] });
  });

  it('settles in: and account: for the folder instead of sending them', () => {
    expect(imap('in:inbox alpha')).toEqual({ text: 'alpha' });
    expect(imap('in:sent alpha')).toBe(false);
    expect(imap('-in:sent alpha')).toEqual({ text: 'alpha' });
    expect(imap('account:work')).toEqual({ all: true });
    expect(imap('account:home OR alpha')).toEqual({ text: 'alpha' });
    expect(imap('account:home OR in:sent')).toBe(false);
  });

  it('goes to the server only when body text or attachments matter', () => {
    const needs = (query: string) => {
      const parsed = parseQuery(query);
      return parsed.ok && parsed.query !== null && needsServer(parsed.query);
    };
    expect(needs('invoice')).toBe(true);
    expect(needs('from:ada -"out of office"')).toBe(true);
    expect(needs('has:attachment')).toBe(true);
    expect(needs('from:ada subject:hello is:unread in:inbox')).toBe(false);
  });
});
