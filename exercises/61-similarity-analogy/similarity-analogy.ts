import * as tf from '@tensorflow/tfjs';
import { HyperparameterError, UnknownTokenError } from 'd2l-ts/reference/errors';

/**
 * d2l's knn (词的相似性): the k rows of W [N, d] most similar to x [d] by cosine,
 *   cos_i = w_iᵀ x / (√(‖w_i‖² + 1e-9) · ‖x‖)      (d2l's 1e-9 keeps a zero row finite),
 * in descending order of cos, ties to the lower index. Returns { indices, cos } (plain numbers).
 * k must be a whole number in 1 … N: otherwise a HyperparameterError naming k. x must not be 0.
 */
export function knn(W: tf.Tensor2D, x: tf.Tensor1D, k: number): { indices: number[]; cos: number[] } {
  throw new Error('Not implemented: knn (61-similarity-analogy). The task is in exercises/61-similarity-analogy/README.md');
}

/**
 * d2l's get_similar_tokens: the k words nearest to queryToken (row idxToToken.indexOf(query) of
 * W), as [token, cos] pairs in descending order of cos, the query itself left out. (d2l takes the
 * k + 1 nearest and drops the first, which is the query unless another word points exactly the
 * same way and has a lower index; leave out the query's own row instead.) A query that is not in
 * idxToToken throws an UnknownTokenError naming it; k as in knn, at most N − 1.
 */
export function getSimilarTokens(
  queryToken: string,
  k: number,
  W: tf.Tensor2D,
  idxToToken: string[],
): [string, number][] {
  throw new Error('Not implemented: getSimilarTokens (61-similarity-analogy). The task is in exercises/61-similarity-analogy/README.md');
}

/**
 * d2l's get_analogy (词类比): for a : b :: c : ?, the word whose vector is most similar (knn with
 * k = 1) to vec(b) − vec(a) + vec(c). Like d2l, every word is a candidate, a, b and c included.
 * A token not in idxToToken throws an UnknownTokenError naming it.
 */
export function getAnalogy(
  tokenA: string,
  tokenB: string,
  tokenC: string,
  W: tf.Tensor2D,
  idxToToken: string[],
): string {
  throw new Error('Not implemented: getAnalogy (61-similarity-analogy). The task is in exercises/61-similarity-analogy/README.md');
}
