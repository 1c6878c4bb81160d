import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../../main/search/query/parse';
import type { QueryNode } from '../../../main/search/query/ast';

const word = (value: string, field: string = 'any', extra: Partial<QueryNode> = {}) => ({
  kind: 'text',
  field,
  value,
  phrase: false,
  prefix: false,
  ...extra,
});
const phrase = (value: string, field: string = 'any') => ({ kind: 'text', field, value, phrase: true, prefix: false });

function tree(query: string): unknown {
  const result = parseQuery(query);
  if (!result.ok) throw new Error(`${result.message} at ${result.at}`);
  return result.query;
}

function error(query: string): { message: string; at: number } {
  const result = parseQuery(query);
  if (result.ok) throw new Error(`expected an error for ${query}`);
  return { message: result.message, at: result.at };
}

describe('query parser: terms', () => {
  it('a blank query is no query', () => {
    expect(tree('')).toBeNull();
    expect(tree('   \t ')).toBeNull();
  });

  it('words are ANDed; quoted phrases keep their spaces', () => {
    expect(tree('budget')).toEqual(word('budget'));
    expect(tree('budget  review')).toEqual({ kind: 'and', children: [word('budget'), word('review')] });
    expect(tree('"budget review" q3')).toEqual({ kind: 'and', children: [phrase('budget review'), word('q3')] });
  });

  it('a trailing * makes a prefix; words keep inner hyphens and colons', () => {
    expect(tree('meet*')).toEqual(word('meet', 'any', { prefix: true }));
    expect(tree('e-mail 10:30 re:')).toEqual({
      kind: 'and',
      children: [word('e-mail'), word('10:30'), word('re:')],
    });
  });

  it('non-ASCII words pass through as they are', () => {
    expect(tree('Straße 日本語 café')).toEqual({
      kind: 'and',
      children: [word('Straße'), word('日本語'), word('café')],
    });
  });
});

describe('query parser: operators', () => {
  it('from: to: cc: subject: take a word or a quoted phrase', () => {
    expect(tree('from:ada')).toEqual(word('ada', 'from'));
    expect(tree('to:grace@example.org')).toEqual(word('grace@example.org', 'to'));
    expect(tree('cc:bob')).toEqual(word('bob', 'cc'));
    expect(tree('subject:"quarterly report"')).toEqual(phrase('quarterly report', 'subject'));
    expect(tree('From:Ada')).toEqual(word('Ada', 'from'));
    expect(tree('subject:rep*')).toEqual(word('rep', 'subject', { prefix: true }));
  });

  it('has: and is:', () => {
    expect(tree('has:attachment')).toEqual({ kind: 'has', what: 'attachment' });
    expect(tree('has:attachments')).toEqual({ kind: 'has', what: 'attachment' });
    expect(tree('is:unread')).toEqual({ kind: 'is', flag: 'unread' });
    expect(tree('is:read')).toEqual({ kind: 'is', flag: 'read' });
    expect(tree('is:FLAGGED')).toEqual({ kind: 'is', flag: 'flagged' });
    expect(tree('is:starred')).toEqual({ kind: 'is', flag: 'flagged' });
    expect(tree('is:unflagged')).toEqual({ kind: 'is', flag: 'unflagged' });
  });

  it('in: and account: take a name, quoted when it has spaces', () => {
    expect(tree('in:Archive')).toEqual({ kind: 'in', folder: 'Archive' });
    expect(tree('in:"Sent Items"')).toEqual({ kind: 'in', folder: 'Sent Items' });
    expect(tree('account:"My Work"')).toEqual({ kind: 'account', name: 'My Work' });
  });

  it('before: and after: take YYYY-MM-DD or YYYY/MM/DD', () => {
    expect(tree('before:2026-01-31')).toEqual({ kind: 'date', op: 'before', day: '2026-01-31' });
    expect(tree('after:2026/2/3')).toEqual({ kind: 'date', op: 'after', day: '2026-02-03' });
  });

  it('larger: and smaller: take bytes, K, M, G (and a B suffix)', () => {
    expect(tree('larger:2000')).toEqual({ kind: 'size', op: 'larger', bytes: 2000 });
    expect(tree('larger:10K')).toEqual({ kind: 'size', op: 'larger', bytes: 10 * 1024 });
    expect(tree('smaller:5mb')).toEqual({ kind: 'size', op: 'smaller', bytes: 5 * 1024 * 1024 });
    expect(tree('larger:1G')).toEqual({ kind: 'size', op: 'larger', bytes: 1024 ** 3 });
    expect(tree('larger:1.5M')).toEqual({ kind: 'size', op: 'larger', bytes: 1.5 * 1024 * 1024 });
  });
});

describe('query parser: negation, OR and grouping', () => {
  it('- negates the term right after it, including a phrase or an operator', () => {
    expect(tree('-spam')).toEqual({ kind: 'not', child: word('spam') });
    expect(tree('-"out of office"')).toEqual({ kind: 'not', child: phrase('out of office') });
    expect(tree('report -from:bob')).toEqual({
      kind: 'and',
      children: [word('report'), { kind: 'not', child: word('bob', 'from') }],
    });
    expect(tree('-(a OR b)')).toEqual({ kind: 'not', child: { kind: 'or', children: [word('a'), word('b')] } });
  });

  it('OR binds looser than the implied AND; lowercase or is a word', () => {
    expect(tree('a b OR c')).toEqual({
      kind: 'or',
      children: [{ kind: 'and', children: [word('a'), word('b')] }, word('c')],
    });
    expect(tree('a OR b OR c')).toEqual({ kind: 'or', children: [word('a'), word('b'), word('c')] });
    expect(tree('black or white')).toEqual({ kind: 'and', children: [word('black'), word('or'), word('white')] });
  });

  it('parentheses group', () => {
    expect(tree('(a OR b) c')).toEqual({
      kind: 'and',
      children: [{ kind: 'or', children: [word('a'), word('b')] }, word('c')],
    });
  });
});

describe('query parser: malformed queries get a clear message and a position', () => {
  it.each([
    ['form:ada', 'Unknown operator "form:" — did you mean "from:"?', 0],
    ['x subjet:hi', 'Unknown operator "subjet:" — did you mean "subject:"?', 2],
    ['acount:work', 'Unknown operator "acount:" — did you mean "account:"?', 0],
    ['"budget review', 'Unclosed quote: add the closing "', 0],
    ['from:"ada', 'Unclosed quote: add the closing "', 5],
    ['larger:big', '"larger:" needs a size such as 5M, 100K or 2000 (bytes), not "big"', 0],
    ['smaller:', '"smaller:" needs a value, such as smaller:100K', 0],
    ['before:yesterday', '"before:" needs a date such as 2026-01-31 (or 2026/01/31), not "yesterday"', 0],
    ['after:2026-02-30', '"2026-02-30" is not a date in the calendar', 0],
    ['is:urgent', '"is:" takes unread, read, flagged or unflagged, not "urgent"', 0],
    ['has:pictures', '"has:" takes attachment (has:attachment), not "pictures"', 0],
    ['from:', '"from:" needs a value, such as from:ada', 0],
    ['OR ada', '"OR" needs a search term on both sides, such as ada OR grace', 0],
    ['ada OR', '"OR" needs a search term on both sides, such as ada OR grace', 4],
    ['ada OR OR grace', '"OR" needs a search term on both sides, such as ada OR grace', 4],
    ['ada -', '"-" needs something right after it to leave out, such as -from:bob', 4],
    ['(ada OR grace', 'Unclosed "(": add the closing ")"', 0],
    ['ada)', 'Unexpected ")": there is no "(" for it to close', 3],
    ['()', 'Nothing to search for inside "( )"', 1],
  ])('%s → %s', (query, message, at) => {
    expect(error(query)).toEqual({ message, at });
  });

  it('never throws, whatever the input', () => {
    const samples = ['"', '(', ')', '-', '-(', 'OR', ':', 'from:"', '((((', '-"x', 'a:b:c', '\u0000', '*', '"*"'];
    for (const query of samples) expect(() => parseQuery(query)).not.toThrow();
  });
});
