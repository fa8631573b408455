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
 * A storage that keeps values in memory only (the fallback when `localStorage` is missing or blocked).
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

/** `window.localStorage` if it is there and writable, else a memory storage. */
export function defaultStorage(): NinetailedStorage {
  try {
    // Reading `localStorage` throws in sandboxed iframes; writing throws when storage is disabled.
    const ls = globalThis.localStorage;
    ls.setItem('__nt_probe__', '1');
    ls.removeItem('__nt_probe__');
    return ls;
  } catch {
    return memoryStorage();
  }
}

/**
 * Wraps a storage so no call throws (quota exceeded, blocked storage): a failed write is lost,
 * a failed read gives `null`.
 *
 * @example
 * ```ts
 * const storage = safeStorage(localStorage);
 * ```
 */
export function safeStorage(storage: NinetailedStorage): NinetailedStorage {
  const safe = <T>(call: () => T): T | null => {
    try {
      return call();
    } catch {
      return null;
    }
  };
  return {
    getItem: (key) => safe(() => storage.getItem(key)),
    setItem: (key, value) => void safe(() => storage.setItem(key, value)),
    removeItem: (key) => void safe(() => storage.removeItem(key)),
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
