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
  throw new Error('Not implemented: ngramPrecision (44-bleu). The task is in exercises/44-bleu/README.md');
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
  throw new Error('Not implemented: bleu (44-bleu). The task is in exercises/44-bleu/README.md');
}
