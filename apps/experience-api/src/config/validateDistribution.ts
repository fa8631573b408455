import type { Distribution } from '../domain/experiences/experienceTypes';
import { allowKeys, ConfigError, object } from './configError';

/** Rounding slack when ranges meet (v7's mapper sums shares: 0.1 + 0.2 is 0.30000000000000004). */
const SLACK = 1e-9;

function unitNumber(value: unknown, path: string): number {
  if (value === undefined) throw new ConfigError(path, 'is required');
  if (typeof value !== 'number' || !(value >= 0 && value <= 1)) {
    throw new ConfigError(path, 'must be a number from 0 to 1');
  }
  return value;
}

/**
 * Checks an experience's `distribution` (section 8): entries `{ index, start, end }` with
 * indexes 0 to n-1 once each, `0 <= start <= end <= 1`, and ranges that together cover [0, 1]
 * without gaps or overlaps (zero-width entries are allowed). Returns the number of entries.
 *
 * @example
 * validateDistribution([{ index: 0, start: 0, end: 0.5 }, { index: 1, start: 0.5, end: 1 }], 'experiences[0].distribution'); // 2
 */
export function validateDistribution(value: unknown, path: string): number {
  if (!Array.isArray(value) || value.length === 0) {
    throw new ConfigError(path, 'must be a non-empty array of { index, start, end }');
  }
  const entries: Distribution[] = value.map((item, i) => {
    const at = `${path}[${i}]`;
    const entry = object(item, at);
    allowKeys(entry, at, ['index', 'start', 'end']);
    const { index } = entry;
    if (!Number.isInteger(index) || (index as number) < 0) {
      throw new ConfigError(`${at}.index`, 'must be a non-negative integer');
    }
    const start = unitNumber(entry.start, `${at}.start`);
    const end = unitNumber(entry.end, `${at}.end`);
    if (start > end) throw new ConfigError(at, `starts at ${start}, after its end ${end}`);
    return { index: index as number, start, end };
  });
  const indexes = new Set<number>();
  entries.forEach(({ index }, i) => {
    if (indexes.has(index)) throw new ConfigError(`${path}[${i}].index`, `duplicate index ${index}`);
    if (index >= entries.length) {
      throw new ConfigError(
        `${path}[${i}].index`,
        `is ${index}, but ${entries.length} entries take the indexes 0 to ${entries.length - 1}`,
      );
    }
    indexes.add(index);
  });
  const sorted = [...entries].sort((a, b) => a.start - b.start || a.end - b.end);
  let covered = 0;
  for (const { start, end } of sorted) {
    if (start > covered + SLACK) throw new ConfigError(path, `leaves a gap between ${covered} and ${start}`);
    if (start < covered - SLACK)
      throw new ConfigError(path, `has ranges overlapping between ${start} and ${covered}`);
    covered = end;
  }
  if (covered < 1 - SLACK) throw new ConfigError(path, `leaves a gap between ${covered} and 1`);
  return entries.length;
}
