import { useRef, useState, type KeyboardEvent } from 'react';
import type { Mailbox, SpecialUse } from '../../../../shared/model/mailbox';
import { useUi } from '../../app/ui-store';
import { FolderLabel } from './FolderLabel';

const SPECIAL_ORDER: readonly SpecialUse[] = ['inbox', 'drafts', 'sent', 'archive', 'junk', 'trash'];

function rank(mailbox: Mailbox): number {
  const index = mailbox.specialUse === null ? -1 : SPECIAL_ORDER.indexOf(mailbox.specialUse);
  return index === -1 ? SPECIAL_ORDER.length : index;
}

/** Special folders first in the order every client uses, then the rest by name. */
export function byRankThenName(a: Mailbox, b: Mailbox): number {
  return rank(a) - rank(b) || a.name.localeCompare(b.name);
}

interface Node {
  mailbox: Mailbox;
  level: number;
  parentId: string | null;
  hasChildren: boolean;
}

/** The folders in the order they show, skipping the children of collapsed ones. */
function visibleNodes(mailboxes: Mailbox[], collapsed: ReadonlySet<string>): Node[] {
  const out: Node[] = [];
  const walk = (parentId: string | null, level: number) => {
    for (const mailbox of mailboxes.filter((m) => m.parentId === parentId).sort(byRankThenName)) {
      const hasChildren = mailboxes.some((m) => m.parentId === mailbox.id);
      out.push({ mailbox, level, parentId, hasChildren });
      if (hasChildren && !collapsed.has(mailbox.id)) walk(mailbox.id, level + 1);
    }
  };
  walk(null, 1);
  return out;
}

/**
 * One account's folders as an ARIA tree: ↑/↓ move, → opens a folder or goes to its first
 * subfolder, ← closes it or goes to its parent, Home/End, Enter or Space shows the folder.
 */
export function FolderTree({ label, mailboxes }: { label: string; mailboxes: Mailbox[] }) {
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const [focusedId, setFocusedId] = useState<string | null>(null);
  const items = useRef(new Map<string, HTMLLIElement | null>());
  const source = useUi((state) => state.source);
  const showSource = useUi((state) => state.showSource);
  const nodes = visibleNodes(mailboxes, collapsed);
  const current = nodes.find((n) => n.mailbox.id === focusedId) ?? nodes[0];
  if (current === undefined) return null;

  const focus = (id: string | undefined) => {
    if (id === undefined) return;
    setFocusedId(id);
    items.current.get(id)?.focus();
  };
  const setOpen = (id: string, open: boolean) =>
    setCollapsed((old) => {
      const next = new Set(old);
      if (open) next.delete(id);
      else next.add(id);
      return next;
    });

  function onKeyDown(event: KeyboardEvent) {
    if (current === undefined) return;
    const at = nodes.indexOf(current);
    const open = current.hasChildren && !collapsed.has(current.mailbox.id);
    const handlers: Record<string, () => void> = {
      ArrowDown: () => focus(nodes[at + 1]?.mailbox.id),
      ArrowUp: () => focus(nodes[at - 1]?.mailbox.id),
      Home: () => focus(nodes[0]?.mailbox.id),
      End: () => focus(nodes.at(-1)?.mailbox.id),
      ArrowRight: () => {
        if (!current.hasChildren) return;
        if (open) focus(nodes[at + 1]?.mailbox.id);
        else setOpen(current.mailbox.id, true);
      },
      ArrowLeft: () => {
        if (open) setOpen(current.mailbox.id, false);
        else if (current.parentId !== null) focus(current.parentId);
      },
      Enter: () => showSource({ kind: 'mailbox', mailboxId: current.mailbox.id }),
      ' ': () => showSource({ kind: 'mailbox', mailboxId: current.mailbox.id }),
    };
    const handler = handlers[event.key];
    if (!handler) return;
    event.preventDefault();
    handler();
  }

  return (
    // A flat list of treeitems with aria-level (ARIA allows it): each item's name is just its own
    // row, not its subfolders' names too.
    <ul role="tree" aria-label={label} className="folder-tree" onKeyDown={onKeyDown}>
      {nodes.map(({ mailbox, hasChildren, level: depth }) => {
        const selected = source.kind === 'mailbox' && source.mailboxId === mailbox.id;
        const open = hasChildren && !collapsed.has(mailbox.id);
        return (
          <li
            key={mailbox.id}
            ref={(element) => {
              items.current.set(mailbox.id, element);
            }}
            role="treeitem"
            aria-level={depth}
            aria-selected={selected}
            aria-expanded={hasChildren ? open : undefined}
            tabIndex={mailbox.id === current.mailbox.id ? 0 : -1}
            className={selected ? 'folder tree-row selected' : 'folder tree-row'}
            style={{ paddingInlineStart: `${(depth - 1) * 0.9 + 0.5}rem` }}
            onFocus={() => setFocusedId(mailbox.id)}
            onClick={() => {
              focus(mailbox.id);
              showSource({ kind: 'mailbox', mailboxId: mailbox.id });
            }}
          >
            <span
              className="tree-twisty"
              aria-hidden="true"
              onClick={(event) => {
                if (!hasChildren) return;
                event.stopPropagation();
                setOpen(mailbox.id, !open);
              }}
            >
              {hasChildren ? (open ? '▾' : '▸') : ''}
            </span>
            <FolderLabel label={mailbox.name} count={mailbox.unread} meaning="unread" />
          </li>
        );
      })}
    </ul>
  );
}
