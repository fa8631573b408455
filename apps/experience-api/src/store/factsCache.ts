import type { EventFacts } from './store';

// Texts longer than this are parsed every time (rare: large properties).
const MAX_TEXT = 4096;
// Characters of text kept at most (about 20 MB with the parsed objects); then the cache restarts.
const MAX_TOTAL = 4_000_000;

const parsed = new Map<string, EventFacts>();
let total = 0;

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/**
 * The parsed `facts` column of an event row. Answering a profile re-reads its latest events on
 * every request, so the same texts come back again and again (and page events of one page share
 * one text): a text seen recently is answered from memory instead of parsed again. Keyed by the
 * text itself, so a hit is exactly what parsing would give; answers are deeply frozen because
 * requests share them (sessions and audiences only read facts).
 *
 * @example
 * parseFacts('{"type":"page"}'); // { type: 'page' } (frozen; the same object on the next call)
 */
export function parseFacts(text: string): EventFacts {
  let facts = parsed.get(text);
  if (facts === undefined) {
    facts = deepFreeze(JSON.parse(text) as EventFacts);
    if (text.length <= MAX_TEXT) {
      if (total + text.length > MAX_TOTAL) {
        parsed.clear();
        total = 0;
      }
      parsed.set(text, facts);
      total += text.length;
    }
  }
  return facts;
}
