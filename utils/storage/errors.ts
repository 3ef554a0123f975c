/** Storage failures in words a user can act on. */

export class StorageError extends Error {
  override name = 'StorageError';
}

function errorName(error: unknown): string {
  if (error && typeof error === 'object') {
    const inner = (error as { inner?: unknown }).inner;
    const name = (error as { name?: unknown }).name;
    if (name === 'QuotaExceededError' || (inner && errorName(inner) === 'QuotaExceededError')) {
      return 'QuotaExceededError';
    }
    if (typeof name === 'string') return name;
  }
  return '';
}

/** Wrap an IndexedDB/Dexie failure; the original stays as `cause`. */
export function storageError(error: unknown, doing: string): StorageError {
  if (error instanceof StorageError) return error;
  // Dexie wraps an error thrown in a transaction when its name is a DOM error name
  // ("NotFoundError"): hand back our own error, not the wrapper's doubled message.
  const inner = error && typeof error === 'object' ? (error as { inner?: unknown }).inner : undefined;
  if (inner instanceof StorageError) return inner;
  const name = errorName(error);
  const message =
    name === 'QuotaExceededError'
      ? `Could not ${doing}: the browser's storage for Newsdesk is full. Free some disk space or export a backup, then try again. Nothing already saved was changed.`
      : `Could not ${doing}: ${error instanceof Error ? error.message : String(error)}. Nothing already saved was changed.`;
  return new StorageError(message, { cause: error });
}
