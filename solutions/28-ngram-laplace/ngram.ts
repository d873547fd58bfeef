import { EmptyCorpusError } from 'd2l-ts/reference/errors';

/**
 * How often each run of n consecutive tokens occurs (n = 1: unigrams, 2: bigrams, 3: trigrams),
 * as a Map keyed by the n tokens joined with one space ('deep learning'), in first-seen order.
 *   countNgrams(['a', 'b', 'a', 'b'], 2) = Map { 'a b' => 2, 'b a' => 1 }
 */
export function countNgrams(tokens: string[], n: number): Map<string, number> {
  // BEGIN SOLUTION
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
 * An empty corpus throws EmptyCorpusError (from d2l-ts/reference/errors).
 */
export function laplaceUnigram(tokens: string[], eps1: number): Map<string, number> {
  // BEGIN SOLUTION
  if (tokens.length === 0) throw new EmptyCorpusError('the corpus is empty: there is nothing to count');
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
 */
export function laplaceBigram(tokens: string[], eps1: number, eps2: number, prev: string): Map<string, number> {
  // BEGIN SOLUTION
  const unigram = laplaceUnigram(tokens, eps1);
  const bigrams = countNgrams(tokens, 2);
  let nPrev = 0;
  for (let i = 0; i + 1 < tokens.length; i++) if (tokens[i] === prev) nPrev++;
  const probs = new Map<string, number>();
  for (const [x, p] of unigram) probs.set(x, ((bigrams.get(`${prev} ${x}`) ?? 0) + eps2 * p) / (nPrev + eps2));
  return probs;
  // END SOLUTION
}

/**
 * The smoothed trigram distribution after the pair `prev` = [x, x'], over the distinct tokens x'':
 *   P̂(x'' | x, x') = (n(x, x', x'') + ε₃ P̂(x'')) / (n(x, x') + ε₃),
 * with n(x, x') = Σ_x'' n(x, x', x''), the number of trigrams that start with x, x'.
 */
export function laplaceTrigram(
  tokens: string[],
  eps1: number,
  eps3: number,
  prev: [string, string],
): Map<string, number> {
  // BEGIN SOLUTION
  const unigram = laplaceUnigram(tokens, eps1);
  const trigrams = countNgrams(tokens, 3);
  let nPrev = 0;
  for (let i = 0; i + 2 < tokens.length; i++) if (tokens[i] === prev[0] && tokens[i + 1] === prev[1]) nPrev++;
  const probs = new Map<string, number>();
  for (const [x, p] of unigram)
    probs.set(x, ((trigrams.get(`${prev[0]} ${prev[1]} ${x}`) ?? 0) + eps3 * p) / (nPrev + eps3));
  return probs;
  // END SOLUTION
}
