/**
 * fastText's subwords (d2l-zh 14.6.1 / d2l-en 15.6.1): the n-grams of '<word>' with the special
 * subword, a subword vocabulary, and word vectors as sums of subword vectors. The n-grams are
 * collected as (n, start) pairs, sorted and deduplicated; the sums are gathers (forward only).
 */
import * as tf from '@tensorflow/tfjs';
import { HyperparameterError } from './errors';

export function subwords(word: string, minN = 3, maxN = 6): string[] {
  if (!Number.isInteger(minN) || minN < 1)
    throw new HyperparameterError(`minN = ${minN}: it must be a whole number >= 1`);
  if (!Number.isInteger(maxN) || maxN < minN)
    throw new HyperparameterError(`maxN = ${maxN}: it must be a whole number >= minN = ${minN}`);
  const chars = [...`<${word}>`];
  const grams: [number, number, string][] = [];
  chars.forEach((_, start) => {
    for (let n = minN; n <= maxN && start + n <= chars.length; n++)
      grams.push([n, start, chars.slice(start, start + n).join('')]);
  });
  grams.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return [...new Set([...grams.map(([, , g]) => g), `<${word}>`])];
}

export function subwordVocab(words: readonly string[], minN = 3, maxN = 6): Map<string, number> {
  const all = [...new Set(words.flatMap((w) => subwords(w, minN, maxN)))];
  return new Map(all.map((g, i) => [g, i]));
}

/** Σ of the rows of Z at the known subwords of each word (zeros when none is known). */
export function wordVectors(
  words: readonly string[],
  Z: tf.Tensor2D,
  index: ReadonlyMap<string, number>,
  minN = 3,
  maxN = 6,
): tf.Tensor2D {
  return tf.tidy(
    () =>
      tf.stack(
        words.map((w) => {
          const rows = subwords(w, minN, maxN).flatMap((g) => (index.has(g) ? [index.get(g)!] : []));
          return rows.length ? tf.gather(Z, tf.tensor1d(rows, 'int32')).sum(0) : tf.zeros([Z.shape[1]]);
        }),
      ) as tf.Tensor2D,
  );
}
