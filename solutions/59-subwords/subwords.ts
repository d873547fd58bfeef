import * as tf from '@tensorflow/tfjs';
import { HyperparameterError } from 'd2l-ts/reference/errors';

/**
 * fastText's subwords G_w of a word (子词嵌入): put '<' before the word and '>' after it (so
 * prefixes and suffixes differ from other subwords), take every character n-gram of '<word>' for
 * n = minN … maxN, and add the special subword '<word>' itself. G_w is a set: each subword once,
 * in the order first met, n by n (n ascending) and left to right within each n, the special subword
 * last unless it was already met as an n-gram. Characters are Unicode code points (Array.from),
 * not UTF-16 units. For 'where' with n = 3: '<wh', 'whe', 'her', 'ere', 're>' and '<where>'.
 * minN must be a whole number >= 1 and maxN a whole number >= minN: otherwise a
 * HyperparameterError naming the setting.
 */
export function subwords(word: string, minN = 3, maxN = 6): string[] {
  // BEGIN SOLUTION
  if (!Number.isInteger(minN) || minN < 1)
    throw new HyperparameterError(`minN = ${minN}: it must be a whole number >= 1`);
  if (!Number.isInteger(maxN) || maxN < minN)
    throw new HyperparameterError(`maxN = ${maxN}: it must be a whole number >= minN = ${minN}`);
  const special = `<${word}>`;
  const chars = Array.from(special);
  const seen = new Set<string>();
  const out: string[] = [];
  for (let n = minN; n <= maxN; n++) {
    for (let i = 0; i + n <= chars.length; i++) {
      const g = chars.slice(i, i + n).join('');
      if (!seen.has(g)) {
        seen.add(g);
        out.push(g);
      }
    }
  }
  if (!seen.has(special)) out.push(special);
  return out;
  // END SOLUTION
}

/**
 * The subword vocabulary of a list of words: every subword of every word (subwords(word, minN,
 * maxN), words in order), numbered 0, 1, 2, … in the order first met. Returns subword → index.
 */
export function subwordVocab(words: string[], minN = 3, maxN = 6): Map<string, number> {
  // BEGIN SOLUTION
  const index = new Map<string, number>();
  for (const w of words) for (const g of subwords(w, minN, maxN)) if (!index.has(g)) index.set(g, index.size);
  return index;
  // END SOLUTION
}

/**
 * fastText's center-word vectors: v_w = Σ_{g ∈ G_w} z_g, the sum of the vectors of w's subwords,
 * row index.get(g) of Z [numSubwords, d]. A subword the index lacks is skipped (a word none of
 * whose subwords is known gets the zero vector), so words the vocabulary never saw still get a
 * vector from the subwords they share. Returns [words.length, d]. (Build the sum as a 0/1 matrix
 * times Z: tf.gather has no gradient on wasm, docs/facts.md.)
 */
export function wordVectors(
  words: string[],
  Z: tf.Tensor2D,
  index: Map<string, number>,
  minN = 3,
  maxN = 6,
): tf.Tensor2D {
  // BEGIN SOLUTION
  const G = Z.shape[0];
  const rows = words.map((w) => {
    const row = new Array<number>(G).fill(0);
    for (const g of subwords(w, minN, maxN)) {
      const k = index.get(g);
      if (k !== undefined) row[k] = 1;
    }
    return row;
  });
  return tf.tidy(() => tf.tensor2d(rows, [words.length, G]).matMul(Z) as tf.Tensor2D);
  // END SOLUTION
}
