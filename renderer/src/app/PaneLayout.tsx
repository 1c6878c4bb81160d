import { useState, type ReactNode } from 'react';
import { DEFAULT_PREFS } from '../../../shared/model/prefs';
import { usePrefs, useUpdatePrefs } from '../features/settings/prefs';
import { Splitter } from '../ui/Splitter';

interface PaneLayoutProps {
  folders: ReactNode;
  list: ReactNode;
  reader: ReactNode;
}

/**
 * Folders | list | reader, or folders | list over reader ("stacked"), with splitters whose sizes
 * are saved in the preferences (prefs:update) when a move ends.
 */
export function PaneLayout({ folders, list, reader }: PaneLayoutProps) {
  const prefs = usePrefs().data ?? DEFAULT_PREFS;
  const update = useUpdatePrefs();
  // While dragging, the size lives here; the saved preference takes over once it is written.
  const [live, setLive] = useState<{ folders?: number; list?: number; listHeight?: number }>({});
  const folderWidth = live.folders ?? prefs.paneSizes[0];
  const listWidth = live.list ?? prefs.paneSizes[1];
  const listHeight = live.listHeight ?? prefs.listHeight;
  const stacked = prefs.layout === 'stacked';
  const commit = (patch: Parameters<typeof update.mutate>[0]) => update.mutate(patch, { onSettled: () => setLive({}) });

  const folderSplitter = (
    <Splitter
      label="Resize folders pane"
      orientation="vertical"
      value={folderWidth}
      min={120}
      max={600}
      onChange={(value) => setLive((s) => ({ ...s, folders: value }))}
      onCommit={(value) => commit({ paneSizes: [value, listWidth] })}
    />
  );
  if (stacked) {
    return (
      <main className="panes panes-stacked" style={{ gridTemplateColumns: `${folderWidth}px auto minmax(0, 1fr)` }}>
        {folders}
        {folderSplitter}
        <div className="stack" style={{ gridTemplateRows: `${listHeight}px auto minmax(0, 1fr)` }}>
          {list}
          <Splitter
            label="Resize message list"
            orientation="horizontal"
            value={listHeight}
            min={120}
            max={2000}
            onChange={(value) => setLive((s) => ({ ...s, listHeight: value }))}
            onCommit={(value) => commit({ listHeight: value })}
          />
          {reader}
        </div>
      </main>
    );
  }
  return (
    <main className="panes" style={{ gridTemplateColumns: `${folderWidth}px auto ${listWidth}px auto minmax(0, 1fr)` }}>
      {folders}
      {folderSplitter}
      {list}
      <Splitter
        label="Resize message list"
        orientation="vertical"
        value={listWidth}
        min={200}
        max={1600}
        onChange={(value) => setLive((s) => ({ ...s, list: value }))}
        onCommit={(value) => commit({ paneSizes: [folderWidth, value] })}
      />
      {reader}
    </main>
  );
}

/** The "Reader below" switch: a toggle button saved in the preferences. */
export function LayoutToggle() {
  const prefs = usePrefs().data ?? DEFAULT_PREFS;
  const update = useUpdatePrefs();
  const stacked = prefs.layout === 'stacked';
  return (
    <button
      type="button"
      className="layout-toggle"
      aria-pressed={stacked}
      onClick={() => update.mutate({ layout: stacked ? 'columns' : 'stacked' })}
    >
      Reader below
    </button>
  );
}
