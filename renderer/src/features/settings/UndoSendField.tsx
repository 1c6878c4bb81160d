import type { Prefs } from '../../../../shared/model/prefs';
import { errorMessage } from '../../ipc/client';
import { SelectField } from '../../ui/fields';
import { useUpdatePrefs } from './prefs';

type Delay = Prefs['undoSendSeconds'];

const OPTIONS: readonly { value: `${Delay}`; label: string }[] = [
  { value: '0', label: 'Off' },
  { value: '5', label: '5 seconds' },
  { value: '10', label: '10 seconds' },
  { value: '30', label: '30 seconds' },
];

const DELAYS: Record<`${Delay}`, Delay> = { '0': 0, '5': 5, '10': 10, '30': 30 };

/** Saved as soon as it is chosen; the next Send uses it. */
export function UndoSendField({ value }: { value: Delay }) {
  const update = useUpdatePrefs();
  return (
    <SelectField
      label="Undo send delay"
      value={`${value}`}
      options={OPTIONS}
      onChange={(chosen) => update.mutate({ undoSendSeconds: DELAYS[chosen] })}
      hint="How long a sent message waits in the Outbox, so you can still take it back."
      error={update.isError ? `Not saved: ${errorMessage(update.error)}` : undefined}
    />
  );
}
