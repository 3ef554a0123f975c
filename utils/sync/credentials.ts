import { browser } from 'wxt/browser';
import { newsroomConfigSchema } from './newsroom';
import type { CredentialStore, StoredNewsroom } from './service';

/**
 * The newsroom's address and password in the extension's own storage (browser.storage.local):
 * not synced between browsers, not in IndexedDB (so never in a backup file), never logged.
 * Only the background reads it; pages get the configuration without the password.
 */
const KEY = 'newsroom';

export function browserCredentials(): CredentialStore {
  return {
    async load() {
      const value = (await browser.storage.local.get(KEY))[KEY] as { config?: unknown; password?: unknown } | undefined;
      const config = newsroomConfigSchema.safeParse(value?.config);
      if (!config.success || typeof value?.password !== 'string') return null;
      return { config: config.data, password: value.password };
    },
    async save(value: StoredNewsroom) {
      await browser.storage.local.set({ [KEY]: value });
    },
    async clear() {
      await browser.storage.local.remove(KEY);
    },
  };
}

/** For tests and the CLI: kept in memory only. */
export function memoryCredentials(initial: StoredNewsroom | null = null): CredentialStore & { value: StoredNewsroom | null } {
  const store = {
    value: initial,
    load: async () => store.value,
    save: async (value: StoredNewsroom) => {
      store.value = value;
    },
    clear: async () => {
      store.value = null;
    },
  };
  return store;
}
