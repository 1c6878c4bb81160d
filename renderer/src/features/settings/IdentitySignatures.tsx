import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { Account, Identity } from '../../../../shared/model/account';
import { call, errorMessage } from '../../ipc/client';
import { ipcQuery } from '../../ipc/ipc-query';
import { CheckboxField } from '../../ui/fields';
import { QueryView } from '../../ui/QueryView';
import { SignatureFields, type SignatureValue } from './SignatureFields';

interface Signatures {
  forNew: SignatureValue;
  /** Null: replies and forwards use the signature for new messages. */
  forReplies: SignatureValue | null;
}

function signaturesOf(identity: Identity): Signatures {
  const own = identity.replySignature !== null || identity.replySignatureHtml !== null;
  return {
    forNew: { text: identity.signature, html: identity.signatureHtml },
    forReplies: own ? { text: identity.replySignature ?? '', html: identity.replySignatureHtml } : null,
  };
}

function withSignatures(identity: Identity, { forNew, forReplies }: Signatures): Identity {
  return {
    ...identity,
    signature: forNew.text,
    signatureHtml: forNew.html,
    replySignature: forReplies === null ? null : forReplies.text,
    replySignatureHtml: forReplies === null ? null : forReplies.html,
  };
}

/** The signatures of one identity, read fresh from its account and saved back with accounts:save. */
export function IdentitySignatures({ accountId, identityId }: { accountId: string; identityId: string }) {
  const account = useQuery({ ...ipcQuery('accounts:get', { id: accountId }), staleTime: 0 });
  return (
    <QueryView query={account} what="the signatures">
      {(loaded) => {
        const identity = loaded.identities.find((candidate) => candidate.id === identityId);
        return identity ? (
          <SignaturesForm account={loaded} identity={identity} />
        ) : (
          <p className="state" role="status">
            This address no longer exists on the account.
          </p>
        );
      }}
    </QueryView>
  );
}

function SignaturesForm({ account, identity }: { account: Account; identity: Identity }) {
  const queryClient = useQueryClient();
  const statusId = useId();
  const [signatures, setSignatures] = useState(() => signaturesOf(identity));
  const [changed, setChanged] = useState(false);
  const save = useMutation({
    mutationFn: () =>
      call('accounts:save', {
        account: {
          ...account,
          identities: account.identities.map((i) => (i.id === identity.id ? withSignatures(i, signatures) : i)),
        },
        // Null keeps the saved passwords.
        password: null,
      }),
    onSuccess: () => {
      setChanged(false);
      return queryClient.invalidateQueries({ queryKey: ['accounts:get', { id: account.id }] });
    },
  });
  const edit = (next: Signatures) => {
    setSignatures(next);
    setChanged(true);
  };
  return (
    <form
      className="signatures-form"
      aria-describedby={statusId}
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate();
      }}
    >
      <SignatureFields
        what="new messages"
        value={signatures.forNew}
        onChange={(forNew) => edit({ ...signatures, forNew })}
      />
      <CheckboxField
        label="A different signature for replies and forwards"
        checked={signatures.forReplies !== null}
        onChange={(on) => edit({ ...signatures, forReplies: on ? { text: '', html: null } : null })}
      />
      {signatures.forReplies === null ? null : (
        <SignatureFields
          what="replies and forwards"
          value={signatures.forReplies}
          onChange={(forReplies) => edit({ ...signatures, forReplies })}
        />
      )}
      <div className="signatures-actions">
        <button type="submit" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : 'Save signatures'}
        </button>
        <p id={statusId} className={save.isError ? 'field-error' : 'field-hint'} role="status">
          {save.isError
            ? `Not saved: ${errorMessage(save.error)} Your text is still here; try again.`
            : save.isSuccess && !changed
              ? 'Signatures saved.'
              : changed
                ? 'Not saved yet.'
                : ''}
        </p>
      </div>
    </form>
  );
}
