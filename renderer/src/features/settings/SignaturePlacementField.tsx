import type { Prefs } from '../../../../shared/model/prefs';
import { errorMessage } from '../../ipc/client';
import { SelectField } from '../../ui/fields';
import { useUpdatePrefs } from './prefs';

type Placement = Prefs['signaturePlacement'];

const OPTIONS: readonly { value: Placement; label: string }[] = [
  { value: 'above', label: 'Above the quoted message' },
  { value: 'below', label: 'Below the quoted message' },
];

/** Saved as soon as it is chosen; the next reply or forward uses it. */
export function SignaturePlacementField({ value }: { value: Placement }) {
  const update = useUpdatePrefs();
  return (
    <SelectField
      label="Signature in replies and forwards"
      value={value}
      options={OPTIONS}
      onChange={(signaturePlacement) => update.mutate({ signaturePlacement })}
      hint="Above suits answering at the top; below suits answering under the quote."
      error={update.isError ? `Not saved: ${errorMessage(update.error)}` : undefined}
    />
  );
}
