import type { Account } from '../../shared/model/account';
import type { QueryNode } from './query/ast';
import { compileQuery, type CompiledQuery } from './query/compile';
import { accountsNamed, unknownAccountNames } from './query/names';
import { parseQuery } from './query/parse';

export type PreparedSearch =
  | { ok: true; root: null }
  | { ok: true; root: QueryNode; compiled: CompiledQuery; accountIds: (name: string) => string[] }
  | { ok: false; message: string; at: number };

/** Parse, check account: names against the accounts there are, compile. Never throws for bad input. */
export function prepareSearch(accounts: readonly Account[], query: string): PreparedSearch {
  const parsed = parseQuery(query);
  if (!parsed.ok) return parsed;
  if (parsed.query === null) return { ok: true, root: null };
  const unknown = unknownAccountNames(accounts, accountNames(parsed.query));
  if (unknown.length > 0) {
    const known = accounts.map((a) => a.displayName).join(', ') || 'none yet';
    return {
      ok: false,
      message: `No account is called "${unknown[0]}" (accounts: ${known})`,
      at: Math.max(0, query.toLowerCase().indexOf('account:')),
    };
  }
  const accountIds = (name: string) => accountsNamed(accounts, name);
  return { ok: true, root: parsed.query, compiled: compileQuery(parsed.query, { accountIds }), accountIds };
}

function accountNames(node: QueryNode): string[] {
  switch (node.kind) {
    case 'account':
      return [node.name];
    case 'not':
      return accountNames(node.child);
    case 'and':
    case 'or':
      return node.children.flatMap(accountNames);
    default:
      return [];
  }
}
