import { HyperparameterError, SequenceTooShortError } from 'd2l-ts/reference/errors';

/**
 * p_n, the n-gram precision of a prediction against its label (预测序列的评估): the number of the
 * prediction's n-grams that match one in the label, divided by the number of the prediction's
 * n-grams, len_pred − n + 1. A label n-gram matches at most once: each match uses one up
 * (d2l's label_subs counts down).
 *   label A B C D E F, prediction A B B C D:  p_1 = 4/5, p_2 = 3/4, p_3 = 1/3, p_4 = 0.
 * n must be a whole number >= 1 (HyperparameterError); a prediction with no n-grams
 * (len_pred < n: p_n would be 0/0) throws a SequenceTooShortError. The caller's lists stay as they are.
 */
export function ngramPrecision(predTokens: string[], labelTokens: string[], n: number): number {
  // BEGIN SOLUTION
  if (!Number.isInteger(n) || n < 1) throw new HyperparameterError(`n must be a whole number >= 1, got ${n}`);
  const count = predTokens.length - n + 1;
  if (count <= 0)
    throw new SequenceTooShortError(
      `n = ${n} is larger than the prediction's ${predTokens.length} tokens: p_${n} would be 0/0`,
    );
  const labelGrams: string[] = [];
  for (let i = 0; i + n <= labelTokens.length; i++) labelGrams.push(labelTokens.slice(i, i + n).join(' '));
  let matches = 0;
  for (let i = 0; i + n <= predTokens.length; i++) {
    const j = labelGrams.indexOf(predTokens.slice(i, i + n).join(' '));
    if (j >= 0) {
      matches++;
      labelGrams.splice(j, 1);
    }
  }
  return matches / count;
  // END SOLUTION
}

/**
 * d2l's bleu(pred_seq, label_seq, k) (BLEU):
 *   exp(min(0, 1 − len_label / len_pred)) · Π_{n=1..k} p_n^(1/2^n)
 * The tokens of a sequence are its words split at single spaces (str.split(' ')); the empty string
 * has none. The first factor, the brevity penalty, punishes a prediction shorter than its label;
 * the weights 1/2^n give longer matching n-grams more weight (p_n^(1/2^n) grows as 1/2^n shrinks).
 * 1 for a perfect match, 0 when some p_n is 0. k must be a whole number >= 1
 * (HyperparameterError); a k larger than the prediction's length (d2l divides by zero) throws a
 * SequenceTooShortError naming k.
 */
export function bleu(predSeq: string, labelSeq: string, k: number): number {
  // BEGIN SOLUTION
  if (!Number.isInteger(k) || k < 1) throw new HyperparameterError(`k must be a whole number >= 1, got ${k}`);
  const pred = predSeq === '' ? [] : predSeq.split(' ');
  const label = labelSeq === '' ? [] : labelSeq.split(' ');
  if (pred.length < k)
    throw new SequenceTooShortError(
      `k = ${k} is larger than the prediction's ${pred.length} tokens: it has no ${k}-grams`,
    );
  let score = Math.exp(Math.min(0, 1 - label.length / pred.length));
  for (let n = 1; n <= k; n++) score *= ngramPrecision(pred, label, n) ** (0.5 ** n);
  return score;
  // END SOLUTION
}
