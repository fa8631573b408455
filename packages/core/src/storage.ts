/**
 * The storage seam: the subset of `localStorage` the SDK uses. Inject your own (cookies, an
 * in-memory map in tests); by default `window.localStorage`, else memory.
 *
 * @example
 * ```ts
 * const map = new Map<string, string>();
 * const storage: NinetailedStorage = {
 *   getItem: (k) => map.get(k) ?? null,
 *   setItem: (k, v) => void map.set(k, v),
 *   removeItem: (k) => void map.delete(k),
 * };
 * new Ninetailed({ clientId: 'demo', storage });
 * ```
 */
export interface NinetailedStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/**
 * A storage that keeps values in memory only (what the SDK falls back to when storage fails).
 *
 * @example
 * ```ts
 * import { memoryStorage } from '@ninetailed/experience.js';
 * new Ninetailed({ clientId: 'demo', storage: memoryStorage() });
 * ```
 */
export function memoryStorage(): NinetailedStorage {
  const map = new Map<string, string>();
  return {
    getItem: (key) => map.get(key) ?? null,
    setItem: (key, value) => void map.set(key, value),
    removeItem: (key) => void map.delete(key),
  };
}

/**
 * Wraps a storage, looked up at each call by `source` (reading `localStorage` throws in sandboxed
 * iframes), so that no call throws. A failed read gives `null`. At the first failed write
 * (blocked storage, private mode, quota) it calls `degraded` and keeps every later write in
 * memory (reads see those first), so the SDK goes on, durable no longer.
 *
 * @example
 * ```ts
 * const storage = safeStorage(() => localStorage, () => console.debug('storage unavailable'));
 * ```
 */
export function safeStorage(
  source: () => NinetailedStorage | undefined,
  degraded: () => void,
): NinetailedStorage {
  // Set at the first failed write; `null` marks a removal.
  let memory: Map<string, string | null> | undefined;
  const attempt = <T>(call: (s: NinetailedStorage) => T): T | undefined => {
    try {
      return call(source()!);
    } catch {}
  };
  return {
    getItem: (key) => (memory?.has(key) ? memory.get(key)! : (attempt((s) => s.getItem(key)) ?? null)),
    setItem(key, value) {
      if (
        memory ||
        !attempt((s) => {
          s.setItem(key, value);
          return 1;
        })
      ) {
        if (!memory) {
          memory = new Map();
          degraded();
        }
        memory.set(key, value);
      }
    },
    removeItem(key) {
      memory?.set(key, null);
      attempt((s) => s.removeItem(key));
    },
  };
}

/** Reads a JSON value; `undefined` when absent or unreadable. */
export function readJson(storage: NinetailedStorage, key: string): unknown {
  try {
    return JSON.parse(storage.getItem(key)!);
  } catch {}
}

/** Writes a JSON value. */
export function writeJson(storage: NinetailedStorage, key: string, value: unknown): void {
  storage.setItem(key, JSON.stringify(value));
}
