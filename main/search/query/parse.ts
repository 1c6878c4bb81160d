import { QuerySyntaxError, type ParseResult, type QueryNode } from './ast';
import { tokenize, type Token } from './tokenize';

/**
 * The query language (issue 9): words and "phrases" (all must match), op:value filters, -negation,
 * OR between terms (binds looser than the implicit AND), and parentheses. Never throws: a
 * malformed query comes back as `{ ok: false, message, at }`.
 */
export function parseQuery(query: string): ParseResult {
  try {
    const tokens = tokenize(query);
    if (tokens.length === 0) return { ok: true, query: null };
    const parser = new Parser(tokens, query.length);
    const node = parser.parseOr();
    parser.expectEnd();
    return { ok: true, query: node };
  } catch (error) {
    if (error instanceof QuerySyntaxError) return { ok: false, message: error.message, at: error.at };
    throw error;
  }
}

class Parser {
  private index = 0;

  constructor(
    private readonly tokens: readonly Token[],
    private readonly length: number,
  ) {}

  parseOr(): QueryNode {
    const first = this.parseAnd();
    const children = [first];
    while (this.peek()?.type === 'or') {
      const or = this.next();
      const after = this.peek();
      if (!after || after.type === 'close' || after.type === 'or') {
        throw new QuerySyntaxError('"OR" needs a search term on both sides, such as ada OR grace', or.at);
      }
      children.push(this.parseAnd());
    }
    return children.length === 1 ? first : { kind: 'or', children };
  }

  private parseAnd(): QueryNode {
    const children: QueryNode[] = [];
    for (let token = this.peek(); token && token.type !== 'close' && token.type !== 'or'; token = this.peek()) {
      children.push(this.parseUnary());
    }
    if (children.length === 0) {
      const token = this.peek();
      if (token?.type === 'or') {
        throw new QuerySyntaxError('"OR" needs a search term on both sides, such as ada OR grace', token.at);
      }
      if (token?.type === 'close') throw new QuerySyntaxError('Nothing to search for inside "( )"', token.at);
      throw new QuerySyntaxError('The query ends too early', this.length);
    }
    return children.length === 1 ? (children[0] as QueryNode) : { kind: 'and', children };
  }

  private parseUnary(): QueryNode {
    const token = this.next();
    if (token.type === 'not') {
      const after = this.peek();
      if (!after || after.type === 'close' || after.type === 'or') {
        throw new QuerySyntaxError('"-" needs something right after it to leave out, such as -from:bob', token.at);
      }
      return { kind: 'not', child: this.parseUnary() };
    }
    if (token.type === 'open') {
      const inner = this.parseOr();
      if (this.peek()?.type !== 'close') throw new QuerySyntaxError('Unclosed "(": add the closing ")"', token.at);
      this.next();
      return inner;
    }
    if (token.type === 'leaf') return token.node;
    throw new QuerySyntaxError(`Unexpected "${token.type === 'close' ? ')' : 'OR'}"`, token.at);
  }

  expectEnd(): void {
    const token = this.peek();
    if (token) throw new QuerySyntaxError('Unexpected ")": there is no "(" for it to close', token.at);
  }

  private peek(): Token | undefined {
    return this.tokens[this.index];
  }

  private next(): Token {
    const token = this.tokens[this.index++];
    if (!token) throw new QuerySyntaxError('The query ends too early', this.length);
    return token;
  }
}
