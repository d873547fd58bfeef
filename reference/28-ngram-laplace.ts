import { EmptyCorpusError, HyperparameterError } from './errors';

/** The key of an n-gram: its tokens joined by single spaces (word tokens hold no spaces). */
const key = (tokens: readonly string[]) => tokens.join(' ');

/** Counts of every n consecutive tokens, keyed by the tokens joined with a space, in first-seen order. */
export function countNgrams(tokens: readonly string[], n: number): Map<string, number> {
  if (!Number.isInteger(n) || n < 1) throw new HyperparameterError(`n must be a whole number >= 1, got ${n}`);
  const counts = new Map<string, number>();
  for (let i = 0; i + n <= tokens.length; i++) {
    const k = key(tokens.slice(i, i + n));
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return counts;
}

function nonEmpty(tokens: readonly string[]): void {
  if (tokens.length === 0) throw new EmptyCorpusError('cannot estimate n-gram probabilities from an empty corpus');
}

/** A smoothing constant: finite and >= 0 (0 is the maximum-likelihood estimate). */
function smoothing(name: string, eps: number): void {
  if (!(eps >= 0 && eps < Infinity)) throw new HyperparameterError(`${name} must be a finite number >= 0, got ${eps}`);
}

/** P̂(x) = (n(x) + ε₁/m) / (n + ε₁) for each of the m distinct tokens. */
export function laplaceUnigram(tokens: readonly string[], eps1: number): Map<string, number> {
  nonEmpty(tokens);
  smoothing('ε₁ (eps1)', eps1);
  const counts = countNgrams(tokens, 1);
  const m = counts.size;
  return new Map([...counts].map(([t, c]) => [t, (c + eps1 / m) / (tokens.length + eps1)]));
}

/**
 * P̂(x' | context) = (n(context, x') + ε P̂(x')) / (n(context, ·) + ε) for each distinct x', where
 * n(context, ·) counts the n-grams that start with the context (so the distribution sums to 1).
 * A context that starts none gets P̂(x'): the value for every ε > 0, and its limit at ε = 0.
 */
function conditional(
  tokens: readonly string[],
  eps1: number,
  eps: number,
  context: readonly string[],
): Map<string, number> {
  const unigram = laplaceUnigram(tokens, eps1);
  smoothing(`ε${context.length === 1 ? '₂ (eps2)' : '₃ (eps3)'}`, eps);
  const grams = countNgrams(tokens, context.length + 1);
  let total = 0;
  for (const [k, c] of grams) if (k.startsWith(`${key(context)} `)) total += c;
  if (total === 0) return unigram;
  return new Map([...unigram].map(([t, p]) => [t, ((grams.get(key([...context, t])) ?? 0) + eps * p) / (total + eps)]));
}

/** P̂(x' | x) with Laplace smoothing towards the smoothed unigram P̂(x'). */
export function laplaceBigram(
  tokens: readonly string[],
  eps1: number,
  eps2: number,
  prev: string,
): Map<string, number> {
  return conditional(tokens, eps1, eps2, [prev]);
}

/** P̂(x'' | x, x') with Laplace smoothing towards the smoothed unigram P̂(x''). */
export function laplaceTrigram(
  tokens: readonly string[],
  eps1: number,
  eps3: number,
  prev: readonly [string, string],
): Map<string, number> {
  return conditional(tokens, eps1, eps3, prev);
}
