import type { SqlValue } from '../../store/driver';
import { ftsPhrase } from '../fold';
import type { QueryNode, TextField } from './ast';
import { SPECIAL_FOLDERS } from './names';

/** A positive text term, for highlighting matches in the results. */
export interface HighlightTerm {
  field: TextField;
  value: string;
  prefix: boolean;
}

/**
 * The query as SQL over `messages m`: an FTS5 MATCH expression (null when the query has no
 * positive text) plus a WHERE clause with named parameters. User text only ever reaches SQLite as
 * a bound parameter, and inside MATCH only as double-quoted FTS5 strings (fold.ts ftsPhrase).
 */
export interface CompiledQuery {
  match: string | null;
  where: string;
  params: Record<string, SqlValue>;
  highlight: HighlightTerm[];
}

export interface CompileContext {
  /** account:NAME → the ids of the accounts it names (empty when none). */
  accountIds(name: string): string[];
}

/** A conjunction: all of `fts`, none of `negFts`, all of `sql`. Empty everywhere means "true". */
interface Part {
  fts: string[];
  negFts: string[];
  sql: string[];
}

const TRUE = (): Part => ({ fts: [], negFts: [], sql: [] });
const FALSE = (): Part => ({ fts: [], negFts: [], sql: ['0'] });
const COLUMN: Record<TextField, string | null> = {
  any: null,
  subject: 'subject',
  from: 'sender',
  to: 'to_addr',
  cc: 'cc_addr',
};

export function compileQuery(root: QueryNode, context: CompileContext): CompiledQuery {
  const params: Record<string, SqlValue> = {};
  const highlight: HighlightTerm[] = [];
  const bind = (value: SqlValue): string => {
    const name = `q${Object.keys(params).length}`;
    params[name] = value;
    return `:${name}`;
  };
  const isTrue = (p: Part) => p.fts.length === 0 && p.negFts.length === 0 && p.sql.length === 0;
  const onlyFts = (p: Part) => p.fts.length > 0 && p.negFts.length === 0 && p.sql.length === 0;
  const ftsOf = (p: Part): string =>
    [p.fts.map((f) => `(${f})`).join(' AND '), ...p.negFts.map((n) => `NOT (${n})`)].join(' ');
  const matchIn = (expr: string, negate: boolean) =>
    `m.rowid ${negate ? 'NOT IN' : 'IN'} (SELECT rowid FROM message_search WHERE message_search MATCH ${bind(expr)})`;
  const toSql = (p: Part): string => {
    const parts = [...p.sql];
    if (p.fts.length > 0) parts.unshift(matchIn(ftsOf(p), false));
    else if (p.negFts.length > 0) parts.unshift(matchIn(p.negFts.map((n) => `(${n})`).join(' OR '), true));
    return parts.length === 0 ? '1' : parts.map((s) => `(${s})`).join(' AND ');
  };

  const compile = (node: QueryNode, positive: boolean): Part => {
    switch (node.kind) {
      case 'text': {
        const phrase = ftsPhrase(node.value, node.prefix);
        if (phrase === null) return TRUE();
        if (positive) highlight.push({ field: node.field, value: node.value, prefix: node.prefix });
        const column = COLUMN[node.field];
        return { fts: [column ? `${column} : ${phrase}` : phrase], negFts: [], sql: [] };
      }
      case 'has':
        return { ...TRUE(), sql: ['m.has_attachments = 1'] };
      case 'is': {
        const column = node.flag === 'unread' || node.flag === 'read' ? 'm.unread' : 'm.flagged';
        return { ...TRUE(), sql: [`${column} = ${node.flag === 'read' || node.flag === 'unflagged' ? 0 : 1}`] };
      }
      case 'in': {
        const special = SPECIAL_FOLDERS[node.folder.toLowerCase()] ?? null;
        const name = bind(node.folder);
        return {
          ...TRUE(),
          sql: [
            `m.mailbox_id IN (SELECT id FROM mailboxes WHERE name = ${name} COLLATE NOCASE
               OR path = ${name} COLLATE NOCASE OR special_use = ${bind(special)})`,
          ],
        };
      }
      case 'account':
        return {
          ...TRUE(),
          sql: [
            `m.account_id IN (SELECT value FROM json_each(${bind(JSON.stringify(context.accountIds(node.name)))}))`,
          ],
        };
      case 'date':
        return { ...TRUE(), sql: [`m.date ${node.op === 'before' ? '<' : '>='} ${bind(localMidnight(node.day))}`] };
      case 'size':
        return { ...TRUE(), sql: [`m.size ${node.op === 'larger' ? '>' : '<'} ${bind(node.bytes)}`] };
      case 'and':
        return node.children
          .map((child) => compile(child, positive))
          .reduce(
            (all, p) => ({
              fts: [...all.fts, ...p.fts],
              negFts: [...all.negFts, ...p.negFts],
              sql: [...all.sql, ...p.sql],
            }),
            TRUE(),
          );
      case 'or': {
        const parts = node.children.map((child) => compile(child, positive));
        if (parts.some(isTrue)) return TRUE();
        if (parts.every(onlyFts)) return { fts: [parts.map((p) => `(${ftsOf(p)})`).join(' OR ')], negFts: [], sql: [] };
        return { ...TRUE(), sql: [parts.map((p) => `(${toSql(p)})`).join(' OR ')] };
      }
      case 'not': {
        const inner = compile(node.child, !positive);
        if (isTrue(inner)) return FALSE();
        if (onlyFts(inner)) return { fts: [], negFts: [ftsOf(inner)], sql: [] };
        if (inner.fts.length === 0 && inner.sql.length === 0) {
          // not(all of none-of X) = any of X
          return { fts: [inner.negFts.map((n) => `(${n})`).join(' OR ')], negFts: [], sql: [] };
        }
        return { ...TRUE(), sql: [`NOT (${toSql(inner)})`] };
      }
    }
  };

  const part = compile(root, true);
  if (part.fts.length > 0) {
    const where = part.sql.length === 0 ? '1' : part.sql.map((s) => `(${s})`).join(' AND ');
    return { match: ftsOf(part), where, params, highlight };
  }
  return { match: null, where: toSql(part), params, highlight };
}

/** Dates in the store are UTC ISO strings; a day the user types is a day in their own time zone. */
function localMidnight(day: string): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(year, month - 1, date).toISOString();
}
