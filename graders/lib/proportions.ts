/**
 * Checks on how often a random event happened: k times in n independent trials of probability p
 * (noise words by weight, masked tokens, IsNext labels). The bound is five binomial standard
 * errors, Z · √(p (1 − p) / n) (stats.ts): a correct implementation fails about one run in 1.7
 * million per comparison.
 */
import { ensure } from './failure';
import { Z } from './stats';
import { formatNumber } from './tensor-data';

/** How far k / n may stray from p. */
export const proportionBound = (p: number, n: number): number => (Z * Math.sqrt(p * (1 - p))) / Math.sqrt(n);

/** k of n is a share p: exactly when p is 0 or 1, within five standard errors otherwise. */
export function expectProportion(k: number, n: number, p: number, what: string): void {
  const share = k / n;
  const bound = proportionBound(p, n);
  ensure(
    Math.abs(share - p) <= bound,
    `${what}: ${k} of ${n} (${formatNumber(share)}), expected a share of ${formatNumber(p)} (±${formatNumber(bound)}, five standard errors)`,
  );
}
