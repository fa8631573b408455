'use client';
import type { ReactElement, ReactNode } from 'react';
import { useProfile } from './useProfile';

/**
 * Props of `<MergeTag>` (v7's).
 *
 * @example
 * ```ts
 * const props: MergeTagProps = { id: 'traits.first_name', fallback: 'there' };
 * ```
 */
export type MergeTagProps = {
  /** A path into the profile: `traits.first_name`, `location.city`, `session.count`. */
  id: string;
  /** Shown when the profile has no printable value at `id`. */
  fallback?: string;
  children?: ReactNode;
};

const own = (value: unknown, key: string): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && Object.hasOwn(value, key);

/**
 * The value at a dotted path; `_` may also separate keys (Contentful's merge tag ids write
 * `traits_first_name`): each part is tried whole first, then split at its last `_`, and so on
 * (the longest key first).
 */
function lookup(value: unknown, [head, ...rest]: string[]): unknown {
  if (head === undefined) return value;
  for (let i = head.length; i > 0; i = head.lastIndexOf('_', i - 1)) {
    const key = head.slice(0, i);
    const found = own(value, key)
      ? lookup(value[key], i < head.length ? [head.slice(i + 1), ...rest] : rest)
      : undefined;
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * Prints a value of the visitor's profile: `id` is a path such as `traits.first_name`,
 * `location.city` or `session.count`. A string, number or boolean is printed; anything else
 * (absent, empty, an object) prints `fallback`, or nothing without one. Nothing is printed while the
 * profile is unknown (server HTML, first visit), so no wrong name flashes.
 *
 * @example
 * ```tsx
 * import { MergeTag } from '@ninetailed/experience.js-react';
 *
 * export const Greeting = () => (
 *   <p>
 *     Hello <MergeTag id="traits.first_name" fallback="there" />!
 *   </p>
 * );
 * ```
 */
export function MergeTag({ id, fallback }: MergeTagProps): ReactElement | null {
  const { profile } = useProfile();
  if (!profile) return null;
  const value = lookup(profile, id.split('.'));
  const printable =
    value !== '' && ['string', 'number', 'boolean'].includes(typeof value) ? String(value) : fallback;
  // biome-ignore lint/complexity/noUselessFragments: an element, not a string, so it types as JSX on TypeScript < 5.1.
  return printable === undefined ? null : <>{printable}</>;
}
