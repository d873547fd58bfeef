import * as tf from '@tensorflow/tfjs';
import { HyperparameterError, UnknownTokenError } from 'd2l-ts/reference/errors';

/**
 * d2l's knn (词的相似性): the k rows of W [N, d] most similar to x [d] by cosine,
 *   cos_i = w_iᵀ x / (√(‖w_i‖² + 1e-9) · ‖x‖)      (d2l's 1e-9 keeps a zero row finite),
 * in descending order of cos, ties to the lower index. Returns { indices, cos } (plain numbers).
 * k must be a whole number in 1 … N: otherwise a HyperparameterError naming k. x must not be 0.
 */
export function knn(W: tf.Tensor2D, x: tf.Tensor1D, k: number): { indices: number[]; cos: number[] } {
  // BEGIN SOLUTION
  if (!Number.isInteger(k) || k < 1 || k > W.shape[0])
    throw new HyperparameterError(`k = ${k}: it must be a whole number from 1 to the ${W.shape[0]} rows of W`);
  const cosT = tf.tidy(() =>
    W.matMul(x.reshape([-1, 1]))
      .reshape([-1])
      .div(tf.sqrt(W.square().sum(1).add(1e-9)).mul(tf.sqrt(x.square().sum()))),
  );
  const cos = Array.from(cosT.dataSync());
  cosT.dispose();
  const indices = cos
    .map((_, i) => i)
    .sort((i, j) => cos[j] - cos[i] || i - j)
    .slice(0, k);
  return { indices, cos: indices.map((i) => cos[i]) };
  // END SOLUTION
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
  // BEGIN SOLUTION
  const q = idxToToken.indexOf(queryToken);
  if (q < 0) throw new UnknownTokenError(`'${queryToken}' is not in the vocabulary: it has no vector`);
  if (!Number.isInteger(k) || k < 1 || k > W.shape[0] - 1)
    throw new HyperparameterError(`k = ${k}: it must be a whole number from 1 to ${W.shape[0] - 1}`);
  const x = tf.tidy(() => W.slice([q, 0], [1, -1]).reshape([-1]) as tf.Tensor1D);
  const { indices, cos } = knn(W, x, k + 1);
  x.dispose();
  return indices
    .map((i, r) => [i, cos[r]] as const)
    .filter(([i]) => i !== q)
    .slice(0, k)
    .map(([i, c]) => [idxToToken[i], c]);
  // END SOLUTION
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
  // BEGIN SOLUTION
  const [a, b, c] = [tokenA, tokenB, tokenC].map((t) => {
    const i = idxToToken.indexOf(t);
    if (i < 0) throw new UnknownTokenError(`'${t}' is not in the vocabulary: it has no vector`);
    return i;
  });
  const row = (i: number) => W.slice([i, 0], [1, -1]).reshape([-1]);
  const x = tf.tidy(() => row(b).sub(row(a)).add(row(c)) as tf.Tensor1D);
  const { indices } = knn(W, x, 1);
  x.dispose();
  return idxToToken[indices[0]];
  // END SOLUTION
}
