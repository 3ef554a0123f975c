import { liveQuery } from 'dexie';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

/**
 * A Dexie liveQuery as Preact state: re-runs when any context (popup's background, another
 * Desk tab, this page) changes the data it read. `undefined` until the first result.
 */
export function useLiveQuery<T>(query: (() => Promise<T>) | null, deps: readonly unknown[]): { value: T | undefined; error: string | null } {
  const [state, setState] = useState<{ value: T | undefined; error: string | null }>({ value: undefined, error: null });
  useEffect(() => {
    if (!query) {
      setState({ value: undefined, error: null });
      return;
    }
    const subscription = liveQuery(query).subscribe({
      next: (value) => setState({ value, error: null }),
      error: (error: unknown) => setState((s) => ({ value: s.value, error: messageOf(error) })),
    });
    return () => subscription.unsubscribe();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  return state;
}

/** `value`, but only after it stopped changing for `delay` ms (filtering as you type). */
export function useDebounced<T>(value: T, delay: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delay);
    return () => clearTimeout(timer);
  }, [value, delay]);
  return settled;
}

export type SaveState =
  | { kind: 'idle' }
  | { kind: 'editing' }
  | { kind: 'saving' }
  | { kind: 'saved' }
  | { kind: 'failed'; message: string };

/** Another version of the field, written elsewhere (another Desk, a sync, an import). */
export interface OtherVersion {
  value: string;
  /** Clock stamp of that version, to take it back (restoreVersion) when it was overwritten. */
  hlc: string;
  by: string;
  at: string;
  /** True once this field's save replaced it (it is then in the item's history). */
  replaced: boolean;
}

export interface SaveOutcome {
  /** The version the save replaced because it had changed since the editor began, if any. */
  overwritten: Omit<OtherVersion, 'replaced'> | null;
  /** The stamp of the version the save wrote. */
  hlc: string;
}

/**
 * Save as you type: a field's text is written `delay` ms after the last keystroke, and at once
 * on blur, on leaving the page and on unmount. A failed save keeps the text in the field and
 * is retried on the next edit or blur. A change made elsewhere is taken over while this field
 * has nothing unsaved; while it has, the other version is shown (`other`) and the next save
 * tells the store what the editor started from, so the replaced version is kept in the item's
 * history — two Desks never silently overwrite each other.
 */
export function useAutosave(
  stored: string,
  storedVersion: { hlc: string; by: string; at: string },
  save: (value: string, base: { hlc: string; value: string }) => Promise<SaveOutcome>,
  delay = 300,
) {
  const [value, setValue] = useState(stored);
  const [state, setState] = useState<SaveState>({ kind: 'idle' });
  const [other, setOther] = useState<OtherVersion | null>(null);
  const pending = useRef<string | null>(null);
  const inFlight = useRef(false);
  const base = useRef({ hlc: storedVersion.hlc, value: stored });
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const saveRef = useRef(save);
  saveRef.current = save;

  useEffect(() => {
    if (storedVersion.hlc === base.current.hlc) return;
    if (pending.current === null && !inFlight.current) {
      base.current = { hlc: storedVersion.hlc, value: stored };
      setValue(stored);
      return;
    }
    if (stored !== base.current.value) setOther({ value: stored, ...storedVersion, replaced: false });
  }, [stored, storedVersion.hlc]);

  const flush = useCallback(async () => {
    clearTimeout(timer.current);
    const next = pending.current;
    if (next === null) return;
    pending.current = null;
    inFlight.current = true;
    setState({ kind: 'saving' });
    try {
      const outcome = await saveRef.current(next, base.current);
      base.current = { hlc: outcome.hlc, value: next };
      if (outcome.overwritten) setOther({ ...outcome.overwritten, replaced: true });
      setState((s) => (pending.current === null ? { kind: 'saved' } : s));
    } catch (error) {
      pending.current ??= next;
      setState({ kind: 'failed', message: messageOf(error) });
    } finally {
      inFlight.current = false;
    }
  }, []);

  const onInput = useCallback(
    (next: string) => {
      setValue(next);
      pending.current = next;
      setState({ kind: 'editing' });
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void flush(), delay);
    },
    [flush, delay],
  );

  useEffect(() => {
    const leave = () => void flush();
    const hidden = () => document.visibilityState === 'hidden' && leave();
    window.addEventListener('pagehide', leave);
    document.addEventListener('visibilitychange', hidden);
    return () => {
      window.removeEventListener('pagehide', leave);
      document.removeEventListener('visibilitychange', hidden);
      leave();
    };
  }, [flush]);

  return { value, onInput, flush, state, other, dismissOther: () => setOther(null) };
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
