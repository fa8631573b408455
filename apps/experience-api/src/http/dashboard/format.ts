/** How the dashboard writes numbers: the Playwright test parses them back. */

/** `0.1234` → `12.34%`; `null` → `—`. */
export function percent(value: number | null, digits = 2): string {
  return value === null ? '—' : `${(value * 100).toFixed(digits)}%`;
}

/** `0.2` → `+20.0%`, `-0.05` → `−5.0%`. */
export function signedPercent(value: number): string {
  const text = `${Math.abs(value * 100).toFixed(1)}%`;
  return value < 0 ? `−${text}` : `+${text}`;
}

/** `1234567` → `1,234,567`. */
export function count(value: number): string {
  return value.toLocaleString('en-US');
}

/** An arm's label: `Baseline`, `Variant 1`, `Holdout`. */
export function armLabel(variantIndex: number | 'holdout'): string {
  if (variantIndex === 'holdout') return 'Holdout';
  return variantIndex === 0 ? 'Baseline' : `Variant ${variantIndex}`;
}

/** A `<input type="date">` value (UTC day) of an ISO instant. */
export function dateInputValue(iso: string, endExclusive = false): string {
  const time = Date.parse(iso) - (endExclusive ? 1 : 0);
  return new Date(time).toISOString().slice(0, 10);
}
