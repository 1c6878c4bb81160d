import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { DraftFields } from '../../../../shared/model/draft';
import { call } from '../../ipc/client';

/** Saved within this long of the first unsaved change, however fast the user keeps typing. */
const MAX_WAIT_MS = 2_000;
/** …or sooner, once typing pauses this long. */
const IDLE_MS = 700;
/** A failed save (main restarting) is tried again this often while there is something to save. */
const RETRY_MS = 3_000;

export type SaveState = { kind: 'saved'; at: string | null } | { kind: 'pending' } | { kind: 'failed'; error: unknown };

export interface Autosave {
  state: SaveState;
  /** Saves now if anything changed; resolves once main has it (rejects if it could not). */
  flush: () => Promise<void>;
  /** The draft is gone (sent or discarded): nothing more is saved, not even on close. */
  stop: () => void;
}

/**
 * Keeps the draft in main: at most two seconds after any change, on close (unmount) and when the
 * page goes away. Saves never overlap, so a slow save cannot overwrite a newer one.
 */
export function useAutosave(draftId: string, fields: DraftFields, savedAt: string | null): Autosave {
  const json = JSON.stringify(fields);
  const latest = useRef({ fields, json });
  // Before any effect below runs: a save (or the save on close) must take what is on screen.
  useLayoutEffect(() => {
    latest.current = { fields, json };
  });
  const savedJson = useRef(json);
  const running = useRef<Promise<void>>(Promise.resolve());
  const stopped = useRef(false);
  const firstChange = useRef<number | null>(null);
  const [state, setState] = useState<SaveState>({ kind: 'saved', at: savedAt });

  const saveOnce = useCallback(async () => {
    const { fields: snapshot, json: snapshotJson } = latest.current;
    if (stopped.current || snapshotJson === savedJson.current) return;
    try {
      const result = await call('drafts:save', { id: draftId, fields: snapshot });
      savedJson.current = snapshotJson;
      firstChange.current = null;
      const clean = latest.current.json === snapshotJson;
      setState(clean ? { kind: 'saved', at: result.updatedAt } : { kind: 'pending' });
    } catch (error) {
      setState({ kind: 'failed', error });
      throw error;
    }
  }, [draftId]);

  const flush = useCallback(() => {
    const next = running.current.catch(() => undefined).then(saveOnce);
    running.current = next;
    return next;
  }, [saveOnce]);

  useEffect(() => {
    if (json === savedJson.current) return;
    setState((old) => (old.kind === 'failed' ? old : { kind: 'pending' }));
    const now = Date.now();
    firstChange.current ??= now;
    const wait = Math.max(0, Math.min(IDLE_MS, firstChange.current + MAX_WAIT_MS - now));
    const timer = setTimeout(() => void flush().catch(() => undefined), wait);
    return () => clearTimeout(timer);
  }, [json, flush]);

  // After a failure the text may not change again: keep trying until main is back.
  const failed = state.kind === 'failed';
  useEffect(() => {
    if (!failed) return;
    const timer = setInterval(() => void flush().catch(() => undefined), RETRY_MS);
    return () => clearInterval(timer);
  }, [failed, flush]);

  useEffect(() => {
    const onHide = () => void flush().catch(() => undefined);
    window.addEventListener('pagehide', onHide);
    return () => {
      window.removeEventListener('pagehide', onHide);
      // Closing the dialog: the request leaves now, even though nobody waits for its answer.
      onHide();
    };
  }, [flush]);

  const stop = useCallback(() => {
    stopped.current = true;
  }, []);

  return { state, flush, stop };
}
