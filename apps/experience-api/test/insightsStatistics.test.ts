import { describe, expect, it } from 'vitest';
import {
  type Arm,
  betaCdf,
  conversionRate,
  logGamma,
  probabilityToBeBest,
  rateInterval,
  uplift,
} from '../src/domain/insights/statistics';

/**
 * An independent reference for P(arm i best): the posteriors' densities on a uniform grid of
 * 100,001 points over [0, 1], normalized numerically (no gamma function), CDFs by cumulative
 * trapezoids, then ∫ f_i Π F_j by trapezoids. Shares no code with the module.
 */
function referenceProbabilityToBeBest(arms: Arm[]): number[] {
  const n = 100_000;
  const h = 1 / n;
  const densities = arms.map(({ viewers, conversions }) => {
    const a = 1 + conversions;
    const b = 1 + viewers - conversions;
    const logs = Array.from({ length: n + 1 }, (_, k) => {
      const x = k * h;
      const left = a === 1 ? 0 : x === 0 ? Number.NEGATIVE_INFINITY : (a - 1) * Math.log(x);
      const right = b === 1 ? 0 : x === 1 ? Number.NEGATIVE_INFINITY : (b - 1) * Math.log(1 - x);
      return left + right;
    });
    const max = logs.reduce((m, l) => (Number.isFinite(l) && l > m ? l : m), Number.NEGATIVE_INFINITY);
    const raw = logs.map((l) => Math.exp(l - max));
    let area = 0;
    for (let k = 0; k < n; k++) area += ((raw[k] as number) + (raw[k + 1] as number)) * (h / 2);
    return raw.map((v) => v / area);
  });
  const cdfs = densities.map((f) => {
    const F = [0];
    for (let k = 0; k < n; k++)
      F.push((F[k] as number) + ((f[k] as number) + (f[k + 1] as number)) * (h / 2));
    return F;
  });
  return arms.map((_, i) => {
    const g = Array.from({ length: n + 1 }, (_, k) =>
      cdfs.reduce((p, F, j) => (j === i ? p : p * (F[k] as number)), (densities[i] as number[])[k] as number),
    );
    let sum = 0;
    for (let k = 0; k < n; k++) sum += ((g[k] as number) + (g[k + 1] as number)) * (h / 2);
    return sum;
  });
}

describe('conversionRate', () => {
  it('is conversions over viewers, null without viewers', () => {
    expect(conversionRate({ viewers: 1000, conversions: 120 })).toBe(0.12);
    expect(conversionRate({ viewers: 0, conversions: 0 })).toBeNull();
  });

  it('refuses counts that cannot be, naming them', () => {
    expect(() => conversionRate({ viewers: 10, conversions: 11 })).toThrow(/arm\.conversions.*10/);
    expect(() => conversionRate({ viewers: -1, conversions: 0 })).toThrow(/arm\.viewers/);
    expect(() => conversionRate({ viewers: 1.5, conversions: 0 })).toThrow(/\[ninetailed\]/);
  });
});

describe('rateInterval (Wilson score, 95%)', () => {
  it('matches the published values of Newcombe (1998), Statistics in Medicine 17:857, Table I', () => {
    const cases: [number, number, number, number][] = [
      [81, 263, 0.2553, 0.3662],
      [15, 148, 0.0624, 0.1605],
      [0, 20, 0, 0.1611],
      [1, 29, 0.0061, 0.1718],
    ];
    for (const [x, n, low, high] of cases) {
      const interval = rateInterval({ viewers: n, conversions: x });
      expect(interval?.low).toBeCloseTo(low, 4);
      expect(interval?.high).toBeCloseTo(high, 4);
    }
  });

  it('is null without viewers', () => {
    expect(rateInterval({ viewers: 0, conversions: 0 })).toBeNull();
  });
});

describe('uplift (delta method on the log risk ratio, 95%)', () => {
  it('gives the relative difference and the Katz interval (values computed by hand)', () => {
    // RR = 1.2, se = sqrt(1/120 − 1/1000 + 1/100 − 1/1000), exp(ln 1.2 ± 1.96 se) − 1
    const result = uplift({ viewers: 1000, conversions: 120 }, { viewers: 1000, conversions: 100 });
    expect(result?.value).toBeCloseTo(0.2, 12);
    expect(result?.low).toBeCloseTo(-0.065894248937, 10);
    expect(result?.high).toBeCloseTo(0.541581344897, 10);
    // 30/200 against 20/250: RR = 1.875
    const other = uplift({ viewers: 200, conversions: 30 }, { viewers: 250, conversions: 20 });
    expect(other?.value).toBeCloseTo(0.875, 12);
    expect(other?.low).toBeCloseTo(0.098824897188, 10);
    expect(other?.high).toBeCloseTo(2.199440610598, 10);
  });

  it('is negative and mirrored on the log scale the other way round', () => {
    const up = uplift({ viewers: 1000, conversions: 120 }, { viewers: 1000, conversions: 100 });
    const down = uplift({ viewers: 1000, conversions: 100 }, { viewers: 1000, conversions: 120 });
    expect(down?.value).toBeCloseTo(1 / 1.2 - 1, 12);
    expect(Math.log(1 + (down?.low ?? 0))).toBeCloseTo(-Math.log(1 + (up?.high ?? 0)), 12);
  });

  it('is null without viewers on either side or when the control has no conversion', () => {
    expect(uplift({ viewers: 0, conversions: 0 }, { viewers: 100, conversions: 10 })).toBeNull();
    expect(uplift({ viewers: 100, conversions: 10 }, { viewers: 0, conversions: 0 })).toBeNull();
    expect(uplift({ viewers: 100, conversions: 10 }, { viewers: 100, conversions: 0 })).toBeNull();
  });

  it('gives −1 with a finite interval when the arm has no conversion (Haldane–Anscombe)', () => {
    const result = uplift({ viewers: 1000, conversions: 0 }, { viewers: 1000, conversions: 100 });
    expect(result?.value).toBe(-1);
    expect(result?.low).toBe(-1);
    // 0.5/1001 against 100.5/1001, se = sqrt(1/0.5 − 1/1001 + 1/100.5 − 1/1001)
    const se = Math.sqrt(1 / 0.5 - 1 / 1001 + 1 / 100.5 - 1 / 1001);
    expect(result?.high).toBeCloseTo((0.5 / 100.5) * Math.exp(1.959963984540054 * se) - 1, 12);
    expect(result?.high).toBeLessThan(0);
  });
});

describe('the special functions', () => {
  it('logGamma matches factorials and Γ(1/2) = √π', () => {
    expect(logGamma(10)).toBeCloseTo(Math.log(362_880), 12);
    expect(logGamma(1)).toBeCloseTo(0, 14);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 12);
    expect(logGamma(171)).toBeCloseTo(706.5730622457874, 9); // ln(170!)
  });

  it('betaCdf matches the closed forms and a numerical reference', () => {
    expect(betaCdf(0.3, 2, 1)).toBeCloseTo(0.09, 14); // x^a
    expect(betaCdf(0.3, 1, 4)).toBeCloseTo(1 - 0.7 ** 4, 14); // 1 − (1 − x)^b
    expect(betaCdf(0.5, 250, 250)).toBeCloseTo(0.5, 12);
    expect(betaCdf(0, 3, 3)).toBe(0);
    expect(betaCdf(1, 3, 3)).toBe(1);
    // Beta(121, 881) at its mean ± 1 sd ≈ normal: 0.1588 / 0.8413 within skew
    const sd = Math.sqrt((121 * 881) / (1002 ** 2 * 1003));
    const mean = 121 / 1002;
    expect(betaCdf(mean + sd, 121, 881) - betaCdf(mean - sd, 121, 881)).toBeCloseTo(0.6827, 2);
  });
});

describe('probabilityToBeBest', () => {
  it('gives the issue test vector: 100/1000 against 120/1000 → 0.077 / 0.923 ± 0.005', () => {
    const [a, b] = probabilityToBeBest([
      { viewers: 1000, conversions: 100 },
      { viewers: 1000, conversions: 120 },
    ]);
    expect(Math.abs((a as number) - 0.077)).toBeLessThanOrEqual(0.005);
    expect(Math.abs((b as number) - 0.923)).toBeLessThanOrEqual(0.005);
    expect((a as number) + (b as number)).toBeCloseTo(1, 12);
  });

  it('agrees with an independent numerical integration (two and three arms)', () => {
    const cases: Arm[][] = [
      [
        { viewers: 1000, conversions: 100 },
        { viewers: 1000, conversions: 120 },
      ],
      [
        { viewers: 50, conversions: 3 },
        { viewers: 40, conversions: 5 },
      ],
      [
        { viewers: 1000, conversions: 100 },
        { viewers: 1000, conversions: 120 },
        { viewers: 1000, conversions: 110 },
      ],
      [
        { viewers: 30, conversions: 0 },
        { viewers: 500, conversions: 20 },
        { viewers: 10, conversions: 1 },
        { viewers: 200, conversions: 9 },
      ],
    ];
    for (const arms of cases) {
      const got = probabilityToBeBest(arms);
      const want = referenceProbabilityToBeBest(arms);
      got.forEach((p, i) => {
        expect(p).toBeCloseTo(want[i] as number, 4);
      });
    }
  });

  it('matches exact values: uniform against Beta(2, 1) is 1/3 vs 2/3; with two uniforms 1/4, 1/4, 1/2', () => {
    const none = { viewers: 0, conversions: 0 };
    const one = { viewers: 1, conversions: 1 };
    const two = probabilityToBeBest([none, one]);
    expect(two[0]).toBeCloseTo(1 / 3, 12);
    expect(two[1]).toBeCloseTo(2 / 3, 12);
    const three = probabilityToBeBest([none, none, one]);
    expect(three[0]).toBeCloseTo(0.25, 6);
    expect(three[1]).toBeCloseTo(0.25, 6);
    expect(three[2]).toBeCloseTo(0.5, 6);
  });

  it('splits evenly between identical arms and is symmetric in the arm order', () => {
    const arm = { viewers: 400, conversions: 37 };
    expect(probabilityToBeBest([arm, arm])).toEqual([0.5, 0.5].map((v) => expect.closeTo(v, 12)));
    for (const p of probabilityToBeBest([arm, arm, arm, arm])) expect(p).toBeCloseTo(0.25, 6);
    const forward = probabilityToBeBest([
      { viewers: 1000, conversions: 100 },
      { viewers: 1000, conversions: 120 },
    ]);
    const backward = probabilityToBeBest([
      { viewers: 1000, conversions: 120 },
      { viewers: 1000, conversions: 100 },
    ]);
    expect(backward[0]).toBeCloseTo(forward[1] as number, 12);
  });

  it('handles large counts (normal approximation as the reference) and is deterministic', () => {
    const arms = [
      { viewers: 1_000_000, conversions: 100_000 },
      { viewers: 1_000_000, conversions: 100_500 },
    ];
    const first = probabilityToBeBest(arms);
    expect(first[1]).toBeCloseTo(0.8804, 3);
    expect(probabilityToBeBest(arms)).toEqual(first);
  });

  it('gives [1] for one arm and [] for none; refuses bad arms by index', () => {
    expect(probabilityToBeBest([{ viewers: 10, conversions: 1 }])).toEqual([1]);
    expect(probabilityToBeBest([])).toEqual([]);
    expect(() =>
      probabilityToBeBest([
        { viewers: 10, conversions: 1 },
        { viewers: 1, conversions: 2 },
      ]),
    ).toThrow(/arms\[1\]\.conversions/);
  });
});
