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
  throw new Error('Not implemented: subwords (59-subwords). The task is in exercises/59-subwords/README.md');
}

/**
 * The subword vocabulary of a list of words: every subword of every word (subwords(word, minN,
 * maxN), words in order), numbered 0, 1, 2, … in the order first met. Returns subword → index.
 */
export function subwordVocab(words: string[], minN = 3, maxN = 6): Map<string, number> {
  throw new Error('Not implemented: subwordVocab (59-subwords). The task is in exercises/59-subwords/README.md');
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
  throw new Error('Not implemented: wordVectors (59-subwords). The task is in exercises/59-subwords/README.md');
}
