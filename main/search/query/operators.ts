import type { QueryNode } from './ast';
import { QuerySyntaxError } from './ast';

export const OPERATORS = [
  'from',
  'to',
  'cc',
  'subject',
  'has',
  'is',
  'in',
  'account',
  'before',
  'after',
  'larger',
  'smaller',
] as const;
export type OperatorName = (typeof OPERATORS)[number];

export function isOperator(name: string): name is OperatorName {
  return (OPERATORS as readonly string[]).includes(name);
}

const EXAMPLES: Record<OperatorName, string> = {
  from: 'from:ada',
  to: 'to:grace@example.org',
  cc: 'cc:ada',
  subject: 'subject:"quarterly report"',
  has: 'has:attachment',
  is: 'is:unread',
  in: 'in:inbox',
  account: 'account:Work',
  before: 'before:2026-01-31',
  after: 'after:2026-01-31',
  larger: 'larger:5M',
  smaller: 'smaller:100K',
};

/** The operator a typo most likely meant, or null when nothing is close (then it is plain text). */
export function suggestOperator(name: string): OperatorName | null {
  let best: { op: OperatorName; distance: number } | null = null;
  for (const op of OPERATORS) {
    const distance = editDistance(name, op);
    if (!best || distance < best.distance) best = { op, distance };
  }
  if (!best) return null;
  // "re:" or "http:" stay text; "form:", "subjet:", "acount:" are typos.
  const allowed = name.length >= 5 ? 2 : name.length >= 3 ? 1 : 0;
  return best.distance <= allowed ? best.op : null;
}

/** Optimal string alignment distance: a swapped pair of letters counts as one edit. */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const row = d[i] as number[];
      const above = d[i - 1] as number[];
      row[j] = Math.min((above[j] as number) + 1, (row[j - 1] as number) + 1, (above[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        row[j] = Math.min(row[j] as number, ((d[i - 2] as number[])[j - 2] as number) + 1);
      }
    }
  }
  return (d[a.length] as number[])[b.length] as number;
}

const SIZE = /^(\d+(?:\.\d+)?)([kmg]?)b?$/i;
const DATE = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/;
const UNITS: Record<string, number> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };

/** The leaf for `op:value`; `quoted` when the value was a "quoted phrase". */
export function operatorNode(op: OperatorName, value: string, quoted: boolean, at: number): QueryNode {
  const fail = (message: string): never => {
    throw new QuerySyntaxError(message, at);
  };
  if (value.length === 0) fail(`"${op}:" needs a value, such as ${EXAMPLES[op]}`);
  switch (op) {
    case 'from':
    case 'to':
    case 'cc':
    case 'subject': {
      const prefix = !quoted && value.endsWith('*') && value.length > 1;
      return { kind: 'text', field: op, value: prefix ? value.slice(0, -1) : value, phrase: quoted, prefix };
    }
    case 'has':
      if (/^attachments?$/i.test(value)) return { kind: 'has', what: 'attachment' };
      return fail(`"has:" takes attachment (has:attachment), not "${value}"`);
    case 'is': {
      const flag = value.toLowerCase();
      if (flag === 'unread' || flag === 'read' || flag === 'flagged' || flag === 'unflagged') {
        return { kind: 'is', flag };
      }
      if (flag === 'starred') return { kind: 'is', flag: 'flagged' };
      return fail(`"is:" takes unread, read, flagged or unflagged, not "${value}"`);
    }
    case 'in':
      return { kind: 'in', folder: value };
    case 'account':
      return { kind: 'account', name: value };
    case 'before':
    case 'after':
      return { kind: 'date', op, day: parseDay(op, value, fail) };
    case 'larger':
    case 'smaller': {
      const match = SIZE.exec(value);
      if (!match) return fail(`"${op}:" needs a size such as 5M, 100K or 2000 (bytes), not "${value}"`);
      const bytes = Math.round(Number(match[1]) * (UNITS[(match[2] ?? '').toLowerCase()] ?? 1));
      return { kind: 'size', op, bytes };
    }
  }
}

function parseDay(op: string, value: string, fail: (message: string) => never): string {
  const match = DATE.exec(value);
  if (!match) return fail(`"${op}:" needs a date such as 2026-01-31 (or 2026/01/31), not "${value}"`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return fail(`"${value}" is not a date in the calendar`);
  }
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
