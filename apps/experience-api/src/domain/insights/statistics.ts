/**
 * The statistics of Experience Insights (issue 13, experience-api.md section 9). Pure,
 * deterministic (closed forms and fixed-grid integration, no sampling), no dependencies.
 *
 * - Conversion rate: `conversions / viewers`, `null` without viewers.
 * - Rate interval (the dashboard's error bars): the 95% Wilson score interval.
 * - Uplift: the relative difference `rate / controlRate - 1` with a 95% interval from the
 *   delta method on the log of the risk ratio (Katz et al. 1978):
 *   `exp(ln RR ± 1.96 · sqrt(1/x₁ − 1/n₁ + 1/x₀ − 1/n₀)) − 1`. `null` when either arm has no
 *   viewers or the control has no conversion (a relative difference to 0 is undefined). When the
 *   arm has no conversion (value −1), the interval uses the Haldane–Anscombe correction (0.5
 *   added to every cell) and its low end is −1.
 * - Probability to be best: each arm's rate has the posterior Beta(1 + conversions,
 *   1 + viewers − conversions) (uniform prior). Two arms: Evan Miller's exact sum for
 *   P(p_B > p_A). More arms: P(arm i best) = ∫ f_i(x) · Π_{j≠i} F_j(x) dx by Simpson's rule on a
 *   fixed grid of 4,000 intervals spanning arm i's posterior (mean ± 15 sd), with the Beta CDFs
 *   from the regularized incomplete beta function (continued fraction); the results are
 *   normalized to sum to 1.
 */

/** One arm of a comparison: distinct viewers and how many of them converted. */
export interface Arm {
  readonly viewers: number;
  readonly conversions: number;
}

/** A relative difference with its 95% interval, as the report shows it. */
export interface Uplift {
  readonly value: number;
  readonly low: number;
  readonly high: number;
}

/** The two-sided 95% normal quantile. */
export const Z_95 = 1.959963984540054;

function checkArm(arm: Arm, name = 'arm'): void {
  const { viewers, conversions } = arm;
  if (!Number.isInteger(viewers) || viewers < 0) {
    throw new RangeError(`[ninetailed] ${name}.viewers must be a non-negative integer, got ${viewers}`);
  }
  if (!Number.isInteger(conversions) || conversions < 0 || conversions > viewers) {
    throw new RangeError(
      `[ninetailed] ${name}.conversions must be an integer from 0 to viewers (${viewers}), got ${conversions}`,
    );
  }
}

/**
 * The conversion rate `conversions / viewers`, or `null` without viewers.
 *
 * @example
 * conversionRate({ viewers: 1000, conversions: 120 }); // 0.12
 */
export function conversionRate(arm: Arm): number | null {
  checkArm(arm);
  return arm.viewers === 0 ? null : arm.conversions / arm.viewers;
}

/**
 * The 95% Wilson score interval of the conversion rate, or `null` without viewers.
 *
 * @example
 * rateInterval({ viewers: 1000, conversions: 100 }); // { low: 0.0828…, high: 0.1203… }
 */
export function rateInterval(arm: Arm): { low: number; high: number } | null {
  checkArm(arm);
  const { viewers: n, conversions: x } = arm;
  if (n === 0) return null;
  const p = x / n;
  const z2 = Z_95 * Z_95;
  const denominator = 1 + z2 / n;
  const center = (p + z2 / (2 * n)) / denominator;
  const half = (Z_95 / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { low: Math.max(0, center - half), high: Math.min(1, center + half) };
}

/**
 * The uplift of `arm` against `control`: `rate / controlRate − 1` with its 95% interval (delta
 * method on the log risk ratio). `null` when either has no viewers or the control has no
 * conversion.
 *
 * @example
 * uplift({ viewers: 1000, conversions: 120 }, { viewers: 1000, conversions: 100 });
 * // { value: 0.2, low: -0.0657…, high: 0.5416… }
 */
export function uplift(arm: Arm, control: Arm): Uplift | null {
  checkArm(arm);
  checkArm(control, 'control');
  if (arm.viewers === 0 || control.viewers === 0 || control.conversions === 0) return null;
  const value = arm.conversions / arm.viewers / (control.conversions / control.viewers) - 1;
  // Haldane–Anscombe: with an empty cell the log ratio and its variance are infinite.
  const correction = arm.conversions === 0 ? 0.5 : 0;
  const x1 = arm.conversions + correction;
  const n1 = arm.viewers + 2 * correction;
  const x0 = control.conversions + correction;
  const n0 = control.viewers + 2 * correction;
  const logRatio = Math.log(x1 / n1 / (x0 / n0));
  const se = Math.sqrt(1 / x1 - 1 / n1 + 1 / x0 - 1 / n0);
  const low = arm.conversions === 0 ? -1 : Math.exp(logRatio - Z_95 * se) - 1;
  const high = Math.exp(logRatio + Z_95 * se) - 1;
  return { value, low, high };
}

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/**
 * ln Γ(x) for x > 0 (Lanczos approximation, g = 7; relative error about 1e-15).
 *
 * @example
 * logGamma(5); // ln 24
 */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const y = x - 1;
  let sum = LANCZOS[0] as number;
  for (let i = 1; i < LANCZOS.length; i++) sum += (LANCZOS[i] as number) / (y + i);
  const t = y + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (y + 0.5) * Math.log(t) - t + Math.log(sum);
}

function logBeta(a: number, b: number): number {
  return logGamma(a) + logGamma(b) - logGamma(a + b);
}

/** Continued fraction of the incomplete beta function (modified Lentz). */
function betaContinuedFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 100_000; m++) {
    const m2 = 2 * m;
    let numerator = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + numerator * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + numerator / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    numerator = -((a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + numerator * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + numerator / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return h;
}

/**
 * The Beta(a, b) cumulative distribution at x: the regularized incomplete beta I_x(a, b).
 *
 * @example
 * betaCdf(0.3, 2, 1); // 0.09 (I_x(a, 1) = x^a)
 */
export function betaCdf(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(a * Math.log(x) + b * Math.log(1 - x) - logBeta(a, b));
  if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(x, a, b)) / a;
  return 1 - (front * betaContinuedFraction(1 - x, b, a)) / b;
}

/**
 * The Beta(a, b) density at x (a, b ≥ 1 here, so it is finite on [0, 1]).
 *
 * @example
 * betaDensity(0.5, 2, 1); // 1
 */
export function betaDensity(x: number, a: number, b: number): number {
  if (x < 0 || x > 1) return 0;
  const left = a === 1 ? 0 : (a - 1) * Math.log(x);
  const right = b === 1 ? 0 : (b - 1) * Math.log(1 - x);
  return Math.exp(left + right - logBeta(a, b));
}

function posterior(arm: Arm): { a: number; b: number } {
  return { a: 1 + arm.conversions, b: 1 + arm.viewers - arm.conversions };
}

/** P(p_B > p_A) for Beta posteriors, Evan Miller's exact sum, terms by their ratio. */
function probabilityGreater(A: { a: number; b: number }, B: { a: number; b: number }): number {
  // term_0 = B(aA, bA + bB) / (bB · B(1, bB) · B(aA, bA)), and B(1, bB) = 1 / bB.
  let logTerm = logBeta(A.a, A.b + B.b) - logBeta(A.a, A.b);
  const logs: number[] = [logTerm];
  let max = logTerm;
  for (let i = 0; i < B.a - 1; i++) {
    logTerm += Math.log(((A.a + i) * (B.b + i)) / ((A.a + A.b + B.b + i) * (1 + i)));
    logs.push(logTerm);
    if (logTerm > max) max = logTerm;
  }
  let sum = 0;
  for (const value of logs) sum += Math.exp(value - max);
  return Math.min(1, Math.max(0, Math.exp(max) * sum));
}

const INTERVALS = 4000;

function probabilityBestByIntegration(posteriors: { a: number; b: number }[]): number[] {
  const raw = posteriors.map((own, i) => {
    const mean = own.a / (own.a + own.b);
    const sd = Math.sqrt((own.a * own.b) / ((own.a + own.b) ** 2 * (own.a + own.b + 1)));
    const low = Math.max(0, mean - 15 * sd);
    const high = Math.min(1, mean + 15 * sd);
    const step = (high - low) / INTERVALS;
    let sum = 0;
    for (let k = 0; k <= INTERVALS; k++) {
      const x = low + k * step;
      let value = betaDensity(x, own.a, own.b);
      for (let j = 0; j < posteriors.length && value > 0; j++) {
        if (j === i) continue;
        const other = posteriors[j] as { a: number; b: number };
        value *= betaCdf(x, other.a, other.b);
      }
      sum += (k === 0 || k === INTERVALS ? 1 : k % 2 === 1 ? 4 : 2) * value;
    }
    return (sum * step) / 3;
  });
  const total = raw.reduce((s, v) => s + v, 0);
  return raw.map((v) => v / total);
}

/**
 * The probability that each arm has the highest conversion rate, from the posteriors
 * Beta(1 + conversions, 1 + viewers − conversions): exact for two arms, fixed-grid Simpson
 * integration for more. One arm: `[1]`. Deterministic.
 *
 * @example
 * probabilityToBeBest([{ viewers: 1000, conversions: 100 }, { viewers: 1000, conversions: 120 }]);
 * // [0.0774…, 0.9225…]
 */
export function probabilityToBeBest(arms: readonly Arm[]): number[] {
  arms.forEach((arm, i) => {
    checkArm(arm, `arms[${i}]`);
  });
  if (arms.length === 0) return [];
  if (arms.length === 1) return [1];
  const posteriors = arms.map(posterior);
  if (posteriors.length === 2) {
    const [A, B] = posteriors as [{ a: number; b: number }, { a: number; b: number }];
    // The sum has aB terms: loop over the smaller shape.
    if (B.a <= A.a) {
      const bBest = probabilityGreater(A, B);
      return [1 - bBest, bBest];
    }
    const aBest = probabilityGreater(B, A);
    return [aBest, 1 - aBest];
  }
  return probabilityBestByIntegration(posteriors);
}
