import { Dialog } from '../ui/Dialog';
import { LIST_KEYS, SHORTCUTS } from './shortcuts';

/** `?`: every keyboard shortcut, from the same list the keys are bound from. */
export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  const rows = [...SHORTCUTS.map(({ shown, label }) => ({ shown, label })), ...LIST_KEYS];
  return (
    <Dialog title="Keyboard shortcuts" onClose={onClose}>
      <table className="shortcuts">
        <caption className="visually-hidden">Keyboard shortcuts</caption>
        <thead>
          <tr>
            <th scope="col">Key</th>
            <th scope="col">Action</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.label}>
              <td>
                <kbd>{row.shown}</kbd>
              </td>
              <td>{row.label}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Dialog>
  );
}
