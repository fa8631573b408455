/**
 * A random UUID v4: `crypto.randomUUID`, else built from `crypto.getRandomValues`
 * (`randomUUID` exists only in secure contexts: https and localhost).
 *
 * @example
 * ```ts
 * import { uuid } from '@ninetailed/experience.js';
 * uuid(); // '3b241101-e2bb-4255-8caf-4136c566a962'
 * ```
 */
export function uuid(): string {
  const c = globalThis.crypto;
  if (c.randomUUID) return c.randomUUID();
  const bytes = c.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  let hex = '';
  for (let i = 0; i < 16; i++) {
    hex += (bytes[i]! + 0x100).toString(16).slice(1);
    if (i === 3 || i === 5 || i === 7 || i === 9) hex += '-';
  }
  return hex;
}
