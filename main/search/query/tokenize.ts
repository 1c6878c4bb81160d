import { QuerySyntaxError, type QueryNode } from './ast';
import { isOperator, operatorNode, suggestOperator } from './operators';

export type Token =
  { type: 'open' | 'close' | 'or' | 'not'; at: number } | { type: 'leaf'; node: QueryNode; at: number };

const SPACE = /\s/;
const ENDS_WORD = /[\s()"]/;

/**
 * Splits a query into tokens. Leaves (words, "phrases", op:value) are already nodes here; parse.ts
 * only builds the tree. Throws QuerySyntaxError with the offset of the problem.
 */
export function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const readQuoted = (start: number): { text: string; end: number } => {
    const close = query.indexOf('"', start + 1);
    if (close < 0) throw new QuerySyntaxError('Unclosed quote: add the closing "', start);
    return { text: query.slice(start + 1, close), end: close + 1 };
  };
  const readWord = (start: number): { text: string; end: number } => {
    let end = start;
    while (end < query.length && !ENDS_WORD.test(query.charAt(end))) end++;
    return { text: query.slice(start, end), end };
  };

  while (i < query.length) {
    const char = query.charAt(i);
    if (SPACE.test(char)) {
      i++;
    } else if (char === '(' || char === ')') {
      tokens.push({ type: char === '(' ? 'open' : 'close', at: i });
      i++;
    } else if (char === '-' && startsTerm(tokens, query, i)) {
      const next = query.charAt(i + 1);
      if (next === '' || SPACE.test(next) || next === ')') {
        throw new QuerySyntaxError('"-" needs something right after it to leave out, such as -from:bob', i);
      }
      tokens.push({ type: 'not', at: i });
      i++;
    } else if (char === '"') {
      const { text, end } = readQuoted(i);
      tokens.push({
        type: 'leaf',
        node: { kind: 'text', field: 'any', value: text, phrase: true, prefix: false },
        at: i,
      });
      i = end;
    } else {
      const { text, end } = readWord(i);
      if (text === 'OR') {
        tokens.push({ type: 'or', at: i });
        i = end;
        continue;
      }
      const op = /^([A-Za-z]+):(.*)$/s.exec(text);
      const name = op?.[1]?.toLowerCase();
      if (op && name !== undefined && isOperator(name)) {
        const rest = op[2] ?? '';
        if (rest === '' && query.charAt(end) === '"') {
          const quoted = readQuoted(end);
          tokens.push({ type: 'leaf', node: operatorNode(name, quoted.text, true, i), at: i });
          i = quoted.end;
        } else {
          tokens.push({ type: 'leaf', node: operatorNode(name, rest, false, i), at: i });
          i = end;
        }
        continue;
      }
      const meant = op && name !== undefined ? suggestOperator(name) : null;
      if (meant && op) throw new QuerySyntaxError(`Unknown operator "${op[1]}:" — did you mean "${meant}:"?`, i);
      const prefix = text.endsWith('*') && text.length > 1;
      const value = prefix ? text.slice(0, -1) : text;
      tokens.push({ type: 'leaf', node: { kind: 'text', field: 'any', value, phrase: false, prefix }, at: i });
      i = end;
    }
  }
  return tokens;
}

/** A "-" negates only at the start of a term (so "e-mail" and "2026-01" stay words). */
function startsTerm(tokens: readonly Token[], query: string, i: number): boolean {
  if (i === 0) return true;
  const before = query.charAt(i - 1);
  return SPACE.test(before) || before === '(' || tokens.at(-1)?.type === 'not';
}
