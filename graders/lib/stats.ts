/**
 * Statistics for checks on random outputs. Bounds are five standard errors: a correct
 * implementation fails one in ~1.7 million runs, while a wrong mean or spread shows at once.
 */
export const Z = 5;

/** Mean and population standard deviation, in float64. */
export function moments(xs: ArrayLike<number>): { mean: number; std: number } {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i]!;
  const mean = s / xs.length;
  let v = 0;
  for (let i = 0; i < xs.length; i++) v += (xs[i]! - mean) ** 2;
  return { mean, std: Math.sqrt(v / xs.length) };
}

/** How far the mean of n draws of spread sigma may stray from the true mean. */
export const meanBound = (sigma: number, n: number) => (Z * sigma) / Math.sqrt(n);

/** How far (relative) the sample standard deviation of n normal draws may stray from sigma. */
export const stdRelBound = (n: number) => Z / Math.sqrt(2 * n);
