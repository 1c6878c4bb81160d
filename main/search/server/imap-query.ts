import type { SearchObject } from 'imapflow';
import type { QueryNode } from '../query/ast';

/** The folder a SEARCH runs in: in: and account: are settled here, not sent to the server. */
export interface FolderScope {
  accountId: string;
  path: string;
  name: string;
  specialUse: string | null;
  /** Whether in:NAME names this folder, and account:NAME this folder's account. */
  inFolder(name: string): boolean;
  inAccount(name: string): boolean;
}

type Translated = SearchObject | true | false;

/**
 * The query as an imapflow search object for one folder, or false when nothing in that folder can
 * match (no SEARCH needed). IMAP matches substrings, so words and phrases go as they are; dates use
 * the Date: header (SENTBEFORE/SENTSINCE) like the local index. IMAP has no attachment key:
 * has:attachment asks for multipart/mixed messages, the usual shape of mail with attachments.
 */
export function toImapSearch(root: QueryNode, scope: FolderScope): SearchObject | false {
  const result = translate(root, scope);
  return result === true ? { all: true } : result;
}

function translate(node: QueryNode, scope: FolderScope): Translated {
  switch (node.kind) {
    case 'text':
      return node.field === 'any' ? { text: node.value } : { [node.field]: node.value };
    case 'has':
      return { header: { 'content-type': 'multipart/mixed' } };
    case 'is':
      return node.flag === 'unread' || node.flag === 'read'
        ? { seen: node.flag === 'read' }
        : { flagged: node.flag === 'flagged' };
    case 'in':
      return scope.inFolder(node.folder);
    case 'account':
      return scope.inAccount(node.name);
    case 'date':
      return node.op === 'before' ? { sentBefore: node.day } : { sentSince: node.day };
    case 'size':
      return node.op === 'larger' ? { larger: node.bytes } : { smaller: node.bytes };
    case 'not': {
      const inner = translate(node.child, scope);
      return typeof inner === 'boolean' ? !inner : { not: inner };
    }
    case 'and': {
      const parts = node.children.map((child) => translate(child, scope));
      if (parts.includes(false)) return false;
      return allOf(parts.filter((p): p is SearchObject => p !== true));
    }
    case 'or': {
      const parts = node.children.map((child) => translate(child, scope));
      if (parts.includes(true)) return true;
      const left = parts.filter((p): p is SearchObject => p !== false);
      if (left.length === 0) return false;
      return left.length === 1 ? (left[0] as SearchObject) : { or: left };
    }
  }
}

/** Keys of one object are ANDed; two criteria on the same key (two words) use NOT(OR(NOT a, NOT b)). */
function allOf(parts: SearchObject[]): Translated {
  if (parts.length === 0) return true;
  const merged: SearchObject = {};
  const clashing: SearchObject[] = [];
  for (const part of parts) {
    if (Object.keys(part).some((key) => key in merged)) clashing.push(part);
    else Object.assign(merged, part);
  }
  if (clashing.length === 0) return merged;
  return { not: { or: [merged, ...clashing].map((part) => ({ not: part })) } };
}

/** Only body text (and attachments) is missing locally for mail outside the offline window. */
export function needsServer(node: QueryNode): boolean {
  switch (node.kind) {
    case 'text':
      return node.field === 'any';
    case 'has':
      return true;
    case 'not':
      return needsServer(node.child);
    case 'and':
    case 'or':
      return node.children.some(needsServer);
    default:
      return false;
  }
}
