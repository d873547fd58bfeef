/**
 * Exercise 44's building blocks: d2l's BLEU (d2l-zh 9.7.6, d2l-en 10.7.6), the measure of
 * translations in chapters 7 and 8:
 *
 *   ngramPrecision(predTokens, labelTokens, n)  p_n: matched n-grams of the prediction / its n-grams
 *   bleu(predSeq, labelSeq, k)                  exp(min(0, 1 − len_label / len_pred)) · Π_{n=1..k} p_n^(1/2^n)
 *   meanBleu(predictions, labels, k)            the mean BLEU of many translations (see below)
 *
 * A sequence's tokens are its words split on single spaces (d2l's str.split(' ')), except that
 * the empty string has none (Python's ''.split(' ') is [''], one empty token). An n-gram of the
 * prediction matches when the label holds it more often than the prediction's earlier n-grams
 * used it up: the matches are Σ over distinct n-grams g of min(count_pred(g), count_label(g)), as
 * d2l's loop counts them (here by that formula, not by d2l's loop).
 * d2l's bleu divides by zero when the prediction has fewer than k tokens (no k-grams, so p_k is
 * 0/0); here that is a SequenceTooShortError naming k, and k must be a whole number >= 1.
 * meanBleu scores such a prediction (an empty translation, a single token for k = 2) 0: it
 * matches no k-gram of the label.
 */
import { HyperparameterError, SequenceTooShortError } from './errors';

/** d2l's tokens of a sequence: str.split(' '), and none for the empty string. */
export const bleuTokens = (seq: string): string[] => (seq === '' ? [] : seq.split(' '));

function counts(tokens: readonly string[], n: number): Map<string, number> {
  const m = new Map<string, number>();
  for (let i = 0; i + n <= tokens.length; i++) {
    const key = JSON.stringify(tokens.slice(i, i + n));
    m.set(key, (m.get(key) ?? 0) + 1);
  }
  return m;
}

/** p_n: Σ_g min(count_pred(g), count_label(g)) over the prediction's n-grams, divided by their number. */
export function ngramPrecision(predTokens: readonly string[], labelTokens: readonly string[], n: number): number {
  if (!(Number.isInteger(n) && n >= 1)) throw new HyperparameterError(`n must be a whole number >= 1, got ${n}`);
  const total = predTokens.length - n + 1;
  if (total <= 0)
    throw new SequenceTooShortError(
      `n = ${n} is larger than the prediction (${predTokens.length} token${predTokens.length === 1 ? '' : 's'}): it has no ${n}-grams, so p_${n} would be 0/0`,
    );
  const label = counts(labelTokens, n);
  let matches = 0;
  for (const [g, c] of counts(predTokens, n)) matches += Math.min(c, label.get(g) ?? 0);
  return matches / total;
}

/** d2l's bleu(pred_seq, label_seq, k). */
export function bleu(predSeq: string, labelSeq: string, k: number): number {
  if (!(Number.isInteger(k) && k >= 1)) throw new HyperparameterError(`k must be a whole number >= 1, got ${k}`);
  const pred = bleuTokens(predSeq);
  const label = bleuTokens(labelSeq);
  if (pred.length < k)
    throw new SequenceTooShortError(
      `k = ${k} is larger than the prediction (${pred.length} token${pred.length === 1 ? '' : 's'}: ${JSON.stringify(predSeq)}): it has no ${k}-grams, so p_${k} would be 0/0`,
    );
  let score = Math.exp(Math.min(0, 1 - label.length / pred.length));
  for (let n = 1; n <= k; n++) score *= ngramPrecision(pred, label, n) ** (0.5 ** n);
  return score;
}

/** The mean of bleu(prediction, label, k) over the pairs; a prediction of fewer than k tokens scores 0. */
export function meanBleu(predictions: readonly string[], labels: readonly string[], k: number): number {
  if (predictions.length !== labels.length || predictions.length === 0)
    throw new HyperparameterError(
      `meanBleu needs as many predictions as labels, at least one: got ${predictions.length} and ${labels.length}`,
    );
  const scores = predictions.map((p, i) => (bleuTokens(p).length < k ? 0 : bleu(p, labels[i]!, k)));
  return scores.reduce((a, b) => a + b, 0) / scores.length;
}
