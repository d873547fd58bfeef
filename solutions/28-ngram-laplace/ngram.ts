import { EmptyCorpusError, HyperparameterError } from 'd2l-ts/reference/errors';

/**
 * How often each run of n consecutive tokens occurs (n = 1: unigrams, 2: bigrams, 3: trigrams),
 * as a Map keyed by the n tokens joined with one space ('deep learning'), in first-seen order.
 *   countNgrams(['a', 'b', 'a', 'b'], 2) = Map { 'a b' => 2, 'b a' => 1 }
 * Fewer than n tokens have no n-gram (an empty Map). n must be a whole number ≥ 1: otherwise throw
 * a HyperparameterError (from d2l-ts/reference/errors). Leave the caller's tokens as they are.
 */
export function countNgrams(tokens: string[], n: number): Map<string, number> {
  // BEGIN SOLUTION
  if (!Number.isInteger(n) || n < 1) throw new HyperparameterError(`n must be a whole number >= 1, got ${n}`);
  const counts = new Map<string, number>();
  for (let i = 0; i <= tokens.length - n; i++) {
    const gram = tokens.slice(i, i + n).join(' ');
    counts.set(gram, (counts.get(gram) ?? 0) + 1);
  }
  return counts;
  // END SOLUTION
}

/**
 * The smoothed unigram probabilities over the m distinct tokens of the corpus (拉普拉斯平滑):
 *   P̂(x) = (n(x) + ε₁/m) / (n + ε₁),
 * n the number of tokens, n(x) the count of x. A Map from each distinct token, in first-seen order.
 * An empty corpus throws EmptyCorpusError; ε₁ must be a finite number ≥ 0 (0: no smoothing), else
 * a HyperparameterError naming it. Both errors come from d2l-ts/reference/errors.
 */
export function laplaceUnigram(tokens: string[], eps1: number): Map<string, number> {
  // BEGIN SOLUTION
  if (tokens.length === 0) throw new EmptyCorpusError('the corpus is empty: there is nothing to count');
  if (!(eps1 >= 0 && eps1 < Infinity))
    throw new HyperparameterError(`ε₁ (eps1) must be a finite number >= 0, got ${eps1}`);
  const counts = countNgrams(tokens, 1);
  const m = counts.size;
  const probs = new Map<string, number>();
  for (const [x, c] of counts) probs.set(x, (c + eps1 / m) / (tokens.length + eps1));
  return probs;
  // END SOLUTION
}

/**
 * The smoothed bigram distribution after `prev`, over the distinct tokens x' (first-seen order):
 *   P̂(x' | x) = (n(x, x') + ε₂ P̂(x')) / (n(x) + ε₂),
 * with P̂(x') = laplaceUnigram(tokens, eps1) and n(x) = Σ_x' n(x, x'), the number of bigrams that
 * start with x (x's count, less one when x is the corpus's last token), so the values sum to 1.
 *
 * A context that starts no bigram (n(x) = 0: x is absent, or only the last token) gets P̂(x') for
 * any ε₂ > 0, and so, as its limit, for ε₂ = 0 too (not 0 / 0). ε₂ must be a finite number ≥ 0,
 * else a HyperparameterError; an empty corpus is laplaceUnigram's EmptyCorpusError.
 */
export function laplaceBigram(tokens: string[], eps1: number, eps2: number, prev: string): Map<string, number> {
  // BEGIN SOLUTION
  const unigram = laplaceUnigram(tokens, eps1);
  if (!(eps2 >= 0 && eps2 < Infinity))
    throw new HyperparameterError(`ε₂ (eps2) must be a finite number >= 0, got ${eps2}`);
  const bigrams = countNgrams(tokens, 2);
  let nPrev = 0;
  for (let i = 0; i + 1 < tokens.length; i++) if (tokens[i] === prev) nPrev++;
  if (nPrev === 0) return unigram;
  const probs = new Map<string, number>();
  for (const [x, p] of unigram) probs.set(x, ((bigrams.get(`${prev} ${x}`) ?? 0) + eps2 * p) / (nPrev + eps2));
  return probs;
  // END SOLUTION
}

/**
 * The smoothed trigram distribution after the pair `prev` = [x, x'], over the distinct tokens x'':
 *   P̂(x'' | x, x') = (n(x, x', x'') + ε₃ P̂(x'')) / (n(x, x') + ε₃),
 * with n(x, x') = Σ_x'' n(x, x', x''), the number of trigrams that start with x, x'. As for
 * bigrams, a pair that starts no trigram gets P̂(x''), ε₃ must be a finite number ≥ 0, and an
 * empty corpus is an EmptyCorpusError.
 */
export function laplaceTrigram(
  tokens: string[],
  eps1: number,
  eps3: number,
  prev: [string, string],
): Map<string, number> {
  // BEGIN SOLUTION
  const unigram = laplaceUnigram(tokens, eps1);
  if (!(eps3 >= 0 && eps3 < Infinity))
    throw new HyperparameterError(`ε₃ (eps3) must be a finite number >= 0, got ${eps3}`);
  const trigrams = countNgrams(tokens, 3);
  let nPrev = 0;
  for (let i = 0; i + 2 < tokens.length; i++) if (tokens[i] === prev[0] && tokens[i + 1] === prev[1]) nPrev++;
  if (nPrev === 0) return unigram;
  const probs = new Map<string, number>();
  for (const [x, p] of unigram)
    probs.set(x, ((trigrams.get(`${prev[0]} ${prev[1]} ${x}`) ?? 0) + eps3 * p) / (nPrev + eps3));
  return probs;
  // END SOLUTION
}
