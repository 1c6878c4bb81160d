import { useId, useState } from 'react';
import type { Prefs } from '../../../../shared/model/prefs';
import { errorMessage } from '../../ipc/client';
import { useIdentities } from '../compose/use-identities';
import { SelectField } from '../../ui/fields';
import { IdentitySignatures } from './IdentitySignatures';
import { SignaturePlacementField } from './SignaturePlacementField';

/** Signatures per sender address (new messages, replies), and where replies put them. */
export function SignaturesSection({ placement }: { placement: Prefs['signaturePlacement'] }) {
  const headingId = useId();
  const identities = useIdentities();
  const [chosen, setChosen] = useState<string | null>(null);
  let body;
  if (identities.status === 'pending') {
    body = <p role="status">Loading your addresses…</p>;
  } else if (identities.status === 'error') {
    body = (
      <div role="alert">
        <p>Could not load your addresses. {errorMessage(identities.error)}</p>
        <button type="button" onClick={identities.retry}>
          Retry
        </button>
      </div>
    );
  } else if (identities.options.length === 0) {
    body = <p className="field-hint">Add an account to give its address a signature.</p>;
  } else {
    const option = identities.options.find((o) => o.key === chosen) ?? identities.options[0];
    body = option ? (
      <>
        <SelectField
          label="Signatures of"
          value={option.key}
          options={identities.options.map((o) => ({ value: o.key, label: o.label }))}
          onChange={setChosen}
        />
        <IdentitySignatures key={option.key} accountId={option.accountId} identityId={option.identityId} />
      </>
    ) : null;
  }
  return (
    <section className="settings-section" aria-labelledby={headingId}>
      <h3 id={headingId}>Signatures</h3>
      <SignaturePlacementField value={placement} />
      {body}
    </section>
  );
}
