import type { ChannelOutput } from '../../../../../shared/ipc/contract';
import type { AutoconfigStep, DiscoveredConfig } from '../../../../../shared/model/setup';
import { connectionKey, type AccountForm } from './form';
import { toDraft, type FieldErrors } from './to-draft';

export type VerifyOutput = ChannelOutput<'setup:verify'>;
export type Mode = 'add' | 'edit';

export interface Discovery {
  config: DiscoveredConfig | null;
  steps: AutoconfigStep[];
  outcome: 'done' | 'cancelled' | 'failed';
  error: string | null;
  /** Which incoming candidate the user picked (IMAP or POP3 where both were found). */
  choice: number;
}

/** The last check of the servers, valid while `key` matches the form. */
export interface Verification {
  key: string;
  /** Null when editing and the server settings are still the saved ones. */
  result: VerifyOutput | null;
  error: string | null;
}

export type Phase =
  | { step: 'identity' }
  | { step: 'discovering'; requestId: string; steps: AutoconfigStep[] }
  | { step: 'review' }
  | { step: 'form' }
  | { step: 'verifying'; requestId: string }
  | { step: 'verified' };

export interface SetupState {
  mode: Mode;
  phase: Phase;
  form: AccountForm;
  errors: FieldErrors;
  /** Bumped by every password edit, so a verification never outlives the password it used. */
  credentialsVersion: number;
  discovery: Discovery | null;
  verification: Verification | null;
}

export type SetupAction =
  | { type: 'edit'; update: (form: AccountForm) => AccountForm }
  | { type: 'show'; step: 'identity' | 'review' | 'form'; form?: AccountForm }
  | { type: 'errors'; errors: FieldErrors }
  | { type: 'discover-start'; requestId: string }
  | { type: 'discover-step'; requestId: string; step: AutoconfigStep }
  | { type: 'discover-end'; requestId: string; discovery: Omit<Discovery, 'choice'> }
  | { type: 'choose'; choice: number }
  | { type: 'verify-start'; requestId: string; form: AccountForm }
  | { type: 'verify-end'; requestId: string; result: VerifyOutput | null; error: string | null };

export function initialState(mode: Mode, form: AccountForm): SetupState {
  return {
    mode,
    phase: mode === 'add' ? { step: 'identity' } : { step: 'form' },
    form,
    errors: {},
    credentialsVersion: 0,
    discovery: null,
    // The saved servers were verified when they were saved; they stay so until edited.
    verification: mode === 'edit' ? { key: connectionKey(form, 0), result: null, error: null } : null,
  };
}

/** Latest report per source, in the order sources were first reported. */
function mergeStep(steps: AutoconfigStep[], step: AutoconfigStep): AutoconfigStep[] {
  const index = steps.findIndex((existing) => existing.source === step.source);
  return index === -1 ? [...steps, step] : steps.map((existing, i) => (i === index ? step : existing));
}

function edited(state: SetupState, form: AccountForm): SetupState {
  const credentialsChanged =
    form.password !== state.form.password || form.outgoingPassword !== state.form.outgoingPassword;
  let errors = state.errors;
  if (Object.keys(errors).length > 0) {
    // Errors clear as fields are corrected; fields the user has not been told about stay quiet.
    const now = toDraft(form, state.mode === 'add');
    const current = now.ok ? {} : now.errors;
    errors = Object.fromEntries(Object.keys(errors).flatMap((key) => (current[key] ? [[key, current[key]]] : [])));
  }
  return { ...state, form, errors, credentialsVersion: state.credentialsVersion + (credentialsChanged ? 1 : 0) };
}

const isCurrent = (phase: Phase, requestId: string) => 'requestId' in phase && phase.requestId === requestId;

export function setupReducer(state: SetupState, action: SetupAction): SetupState {
  switch (action.type) {
    case 'edit':
      return edited(state, action.update(state.form));
    case 'show': {
      const next = action.form === undefined ? state : edited(state, action.form);
      return { ...next, phase: { step: action.step } };
    }
    case 'errors':
      return { ...state, errors: action.errors };
    case 'discover-start':
      return { ...state, errors: {}, phase: { step: 'discovering', requestId: action.requestId, steps: [] } };
    case 'discover-step':
      if (state.phase.step !== 'discovering' || !isCurrent(state.phase, action.requestId)) return state;
      return { ...state, phase: { ...state.phase, steps: mergeStep(state.phase.steps, action.step) } };
    case 'discover-end': {
      if (state.phase.step !== 'discovering' || !isCurrent(state.phase, action.requestId)) return state;
      const steps = action.discovery.steps.length > 0 ? action.discovery.steps : state.phase.steps;
      return { ...state, phase: { step: 'review' }, discovery: { ...action.discovery, steps, choice: 0 } };
    }
    case 'choose':
      return state.discovery === null ? state : { ...state, discovery: { ...state.discovery, choice: action.choice } };
    case 'verify-start':
      return {
        ...edited(state, action.form),
        errors: {},
        phase: { step: 'verifying', requestId: action.requestId },
      };
    case 'verify-end': {
      if (!isCurrent(state.phase, action.requestId)) return state;
      const cancelled = action.result === null && action.error === null;
      if (cancelled) return { ...state, phase: { step: 'form' } };
      const key = connectionKey(state.form, state.credentialsVersion);
      return {
        ...state,
        phase: { step: 'verified' },
        verification: { key, result: action.result, error: action.error },
      };
    }
  }
}

/** Save is allowed only for settings that were verified as they are now (or are the saved ones). */
export function canSave(state: SetupState): boolean {
  const { verification } = state;
  if (verification === null || verification.error !== null) return false;
  if (verification.key !== connectionKey(state.form, state.credentialsVersion)) return false;
  return verification.result === null || (verification.result.incoming.ok && verification.result.outgoing.ok);
}
