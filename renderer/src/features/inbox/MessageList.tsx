import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import type { MessageListItem } from '../../../../shared/model/message-list';
import { useUi } from '../../app/ui-store';
import { useContextMenu } from './context-menu-store';
import { listCommands } from './list-commands';
import { clickSelection, targetIndex } from './list-selection';
import { MessageRow } from './MessageRow';
import { useMessageWindow, type ListParams, type RowWindowHook } from './queries';

const ROW_HEIGHT = 58;

interface MessageListProps {
  params: ListParams;
  total: number;
  label: string;
  /** Where the rows come from when not the folder's pages (search results); stable for the list's life. */
  useRows?: RowWindowHook;
}

/**
 * The message list as an ARIA grid that only renders the rows in view (plus the focused one):
 * aria-rowcount tells assistive technology the real size, pages are fetched for the window the
 * user scrolled to, and the selection is kept by message id so a live refresh never loses it.
 */
export function MessageList({ params, total, label, useRows = useMessageWindow }: MessageListProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [focusIndex, setFocusIndex] = useState(0);
  const focusId = useRef<string | null>(null);
  const wantFocus = useRef(false);
  const selectedIds = useUi((state) => state.selectedIds);
  const expanded = useUi((state) => state.expanded);
  const setSelection = useUi((state) => state.setSelection);
  const toggleExpanded = useUi((state) => state.toggleExpanded);
  const openMenu = useContextMenu((state) => state.open);
  const focusClamped = Math.min(focusIndex, Math.max(0, total - 1));

  const rangeExtractor = useCallback(
    (range: Range) => {
      const indexes = defaultRangeExtractor(range);
      // The focused row stays in the DOM, so Tab always finds the list's one tab stop.
      if (total > 0 && !indexes.includes(focusClamped)) indexes.push(focusClamped);
      return indexes.sort((a, b) => a - b);
    },
    [focusClamped, total],
  );
  // TanStack Virtual re-renders this component itself on scroll; nothing here memoizes its functions.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    rangeExtractor,
  });
  const items = virtualizer.getVirtualItems();
  const inView = items.filter((item) => item.index !== focusClamped || items.length === 1);
  const view = useRows(params, inView[0]?.index ?? 0, inView.at(-1)?.index ?? 0);

  const select = useCallback(
    (index: number, mode: 'only' | 'extend' | 'focus') => {
      setFocusIndex(index);
      wantFocus.current = true;
      virtualizer.scrollToIndex(index, { align: 'auto' });
      const row = view.rowAt(index);
      focusId.current = row?.id ?? null;
      if (row === undefined || mode === 'focus') return;
      const { anchorId } = useUi.getState();
      if (mode === 'extend' && anchorId !== null) {
        const from = view.indexOf(anchorId);
        if (from !== -1) {
          const ids: string[] = [];
          for (let i = Math.min(from, index); i <= Math.max(from, index); i += 1) {
            const id = view.rowAt(i)?.id;
            if (id) ids.push(id);
          }
          setSelection(ids, row.id);
          return;
        }
      }
      setSelection([row.id], row.id, row.id);
    },
    [view, virtualizer, setSelection],
  );

  // A row whose page was not loaded when the key was pressed (End at 100,000) is selected when it arrives.
  const pendingSelect = useRef<number | null>(null);
  const focusedRow = view.rowAt(focusClamped);
  useEffect(() => {
    if (pendingSelect.current === focusClamped && focusedRow) {
      pendingSelect.current = null;
      focusId.current = focusedRow.id;
      setSelection([focusedRow.id], focusedRow.id, focusedRow.id);
    }
  }, [focusClamped, focusedRow, setSelection]);

  // Keyboard moves put DOM focus on the new row once it is rendered.
  useLayoutEffect(() => {
    if (!wantFocus.current) return;
    const element = scrollRef.current?.querySelector<HTMLElement>(`[data-index="${focusClamped}"]`);
    if (element) {
      wantFocus.current = false;
      element.focus({ preventScroll: true });
    }
  });

  // Live updates: rows inserted above keep the top visible row (and the focused row) in place.
  const anchor = useRef<{ id: string; index: number } | null>(null);
  const rememberAnchor = () => {
    const element = scrollRef.current;
    if (!element) return;
    const top = items.find((item) => item.end > element.scrollTop && item.index !== focusClamped) ?? items[0];
    const row = top ? view.rowAt(top.index) : undefined;
    anchor.current = top && row ? { id: row.id, index: top.index } : null;
  };
  const dataVersion = view.version;
  useLayoutEffect(() => {
    const element = scrollRef.current;
    const held = anchor.current;
    if (element && held && element.scrollTop > 0) {
      const now = view.indexOf(held.id);
      if (now !== -1 && now !== held.index) {
        element.scrollTop += (now - held.index) * ROW_HEIGHT;
        anchor.current = { id: held.id, index: now };
      }
    }
    if (focusId.current !== null) {
      const now = view.indexOf(focusId.current);
      if (now !== -1 && now !== focusIndex) setFocusIndex(now);
    }
    // Only a new answer from main moves anything.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [dataVersion]);

  useEffect(
    () =>
      listCommands.register({
        move: (delta) => {
          const next = targetIndex(delta > 0 ? 'ArrowDown' : 'ArrowUp', focusClamped, total, 1);
          if (next !== null) select(next, 'only');
        },
        focus: () => {
          wantFocus.current = true;
          virtualizer.scrollToIndex(focusClamped);
          scrollRef.current?.querySelector<HTMLElement>(`[data-index="${focusClamped}"]`)?.focus();
        },
        afterRemoval: (ids) => {
          const gone = new Set(ids);
          const indexes = ids.map((id) => view.indexOf(id)).filter((i) => i !== -1);
          const from = indexes.length > 0 ? Math.max(...indexes) + 1 : focusClamped;
          for (let i = from; i < total; i += 1) {
            const row = view.rowAt(i);
            if (row && !gone.has(row.id)) {
              focusId.current = row.id;
              setSelection([row.id], row.id, row.id);
              return;
            }
          }
          setSelection([], null, null);
          useUi.getState().selectMessage(null);
        },
      }),
    [focusClamped, total, select, view, virtualizer, setSelection],
  );

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.target instanceof HTMLElement && event.target.closest('.thread-messages')) return;
    const mod = event.ctrlKey || event.metaKey;
    if (mod && event.key.toLowerCase() === 'a') {
      event.preventDefault();
      const ids: string[] = [];
      for (let i = 0; i < total; i += 1) {
        const id = view.rowAt(i)?.id;
        if (id) ids.push(id);
      }
      setSelection(ids, null);
      return;
    }
    if (event.key === 'ContextMenu' || (event.shiftKey && event.key === 'F10')) {
      event.preventDefault();
      const element = scrollRef.current?.querySelector<HTMLElement>(`[data-index="${focusClamped}"]`);
      const box = element?.getBoundingClientRect();
      if (box) openMenu(box.left + 24, box.top + box.height / 2, element ?? null);
      return;
    }
    if (event.key === ' ' && focusedRow) {
      event.preventDefault();
      const ids = selectedIds.includes(focusedRow.id)
        ? selectedIds.filter((id) => id !== focusedRow.id)
        : [...selectedIds, focusedRow.id];
      setSelection(ids, focusedRow.id, focusedRow.id);
      return;
    }
    if (event.key === 'Enter' && focusedRow) {
      event.preventDefault();
      if (focusedRow.threadCount > 1) toggleExpanded(focusedRow.threadKey);
      setSelection([focusedRow.id], focusedRow.id, focusedRow.id);
      return;
    }
    const key = { j: 'ArrowDown', k: 'ArrowUp' }[event.key] ?? event.key;
    const pageRows = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? ROW_HEIGHT) / ROW_HEIGHT) - 1);
    const next = targetIndex(key, focusClamped, total, pageRows);
    if (next === null || event.altKey) return;
    event.preventDefault();
    event.stopPropagation();
    if (view.rowAt(next) === undefined && !mod) pendingSelect.current = next;
    select(next, mod ? 'focus' : event.shiftKey ? 'extend' : 'only');
  }

  function onRowClick(event: MouseEvent, message: MessageListItem) {
    const index = view.indexOf(message.id);
    setFocusIndex(index);
    focusId.current = message.id;
    const toggle = event.ctrlKey || event.metaKey;
    const { selectedIds: ids, anchorId } = useUi.getState();
    const next = clickSelection({ ids, anchorId }, message.id, { range: event.shiftKey, toggle }, (fromId, toId) => {
      const a = view.indexOf(fromId);
      const b = view.indexOf(toId);
      const ids: string[] = [];
      for (let i = Math.min(a, b); i <= Math.max(a, b) && a !== -1; i += 1) {
        const id = view.rowAt(i)?.id;
        if (id) ids.push(id);
      }
      return ids;
    });
    setSelection(next.ids, toggle && !next.ids.includes(message.id) ? null : message.id, next.anchorId);
  }

  function onRowContextMenu(event: MouseEvent, message: MessageListItem) {
    event.preventDefault();
    if (!selectedIds.includes(message.id)) setSelection([message.id], message.id, message.id);
    openMenu(event.clientX, event.clientY, event.currentTarget instanceof HTMLElement ? event.currentTarget : null);
  }

  return (
    <div
      ref={scrollRef}
      className="message-grid"
      role="grid"
      aria-label={label}
      aria-rowcount={total}
      aria-colcount={4}
      aria-multiselectable="true"
      onKeyDown={onKeyDown}
      onScroll={rememberAnchor}
    >
      <div role="rowgroup" className="message-rows" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => {
          const message = view.rowAt(item.index);
          return (
            <MessageRow
              key={item.index}
              rowRef={virtualizer.measureElement}
              message={message}
              index={item.index}
              start={item.start}
              selected={message !== undefined && selectedIds.includes(message.id)}
              focused={item.index === focusClamped}
              expanded={message !== undefined && expanded.includes(message.threadKey)}
              onClick={onRowClick}
              onContextMenu={onRowContextMenu}
              onFocus={(index) => {
                setFocusIndex(index);
                focusId.current = view.rowAt(index)?.id ?? null;
              }}
              onToggleThread={(m) => toggleExpanded(m.threadKey)}
              onThreadKeyDown={(event) => event.stopPropagation()}
            />
          );
        })}
      </div>
    </div>
  );
}
