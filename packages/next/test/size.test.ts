// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { BUDGET_BYTES, measureSize } from '../scripts/size.mjs';

describe('size budget', () => {
  it('adds at most 1 KB min+gzip over the React binding (esbuild; react, react-dom, next external)', async () => {
    const { react, next, added } = await measureSize({ source: true });
    expect(BUDGET_BYTES).toBe(1024);
    // Both bundles really hold code (the core is in both), and the Next one holds more.
    expect(react).toBeGreaterThan(3000);
    expect(added).toBeGreaterThan(300);
    expect(added, `next ${next} B - react ${react} B`).toBeLessThanOrEqual(BUDGET_BYTES);
  });
});
