import * as tf from '@tensorflow/tfjs';
import { maskedSoftmax } from './47-masked-softmax';
import { ShapeMismatchError } from './errors';

/**
 * d2l's DotProductAttention (scaled dot-product attention), a building block of multi-head
 * attention and the Transformer (chapters 8 and 9).
 *
 *   scaledDotProductScores(queries [b, n, d], keys [b, m, d]) -> scores [b, n, m] = Q Kᵀ / √d
 *   dotProductAttention(queries [b, n, d], keys [b, m, d], values [b, m, v], validLens, opts)
 *     -> { output [b, n, v], attentionWeights [b, n, m] }
 *
 * attentionWeights = maskedSoftmax(scores, validLens) (d2l's self.attention_weights, before
 * dropout); output = dropout(attentionWeights) · values, with the dropout of 13-dropout
 * (tf.dropout seeded with seed + 1) applied only when opts.training is true and opts.dropout > 0.
 * Queries and keys of different depth, or keys and values of different counts, throw
 * ShapeMismatchError.
 */
export interface AttentionOptions {
  /** The dropout probability on the attention weights (d2l's dropout); default 0. */
  dropout?: number;
  /** Dropout acts only in training; default false (evaluation, prediction). */
  training?: boolean;
  /** Seed of the dropout mask (tf.dropout with seed + 1); default 0. */
  seed?: number;
}

export interface Attention {
  output: tf.Tensor3D;
  attentionWeights: tf.Tensor3D;
}

/** Throws ShapeMismatchError unless queries [b, n, d], keys [b, m, d] and values [b, m, v] fit. */
export function checkQkv(queries: tf.Tensor, keys: tf.Tensor, values: tf.Tensor, sameDepth: boolean): void {
  const s = (t: tf.Tensor) => `[${t.shape.join(', ')}]`;
  if (queries.rank !== 3 || keys.rank !== 3 || values.rank !== 3)
    throw new ShapeMismatchError(
      `queries, keys and values must be [batch, steps, features], got queries ${s(queries)}, keys ${s(keys)}, values ${s(values)}`,
    );
  if (queries.shape[0] !== keys.shape[0] || keys.shape[0] !== values.shape[0])
    throw new ShapeMismatchError(
      `queries, keys and values must have the same batch size, got queries ${s(queries)}, keys ${s(keys)}, values ${s(values)}`,
    );
  if (sameDepth && queries.shape[2] !== keys.shape[2])
    throw new ShapeMismatchError(
      `queries and keys must have the same depth d for their dot product, got queries ${s(queries)} and keys ${s(keys)}`,
    );
  if (keys.shape[1] !== values.shape[1])
    throw new ShapeMismatchError(
      `keys and values must come in pairs (the same number of steps), got keys ${s(keys)} and values ${s(values)}`,
    );
}

/** dropout(weights) · values: the weighted average of the values, dropout only in training. */
export function attend(weights: tf.Tensor3D, values: tf.Tensor3D, opts: AttentionOptions = {}): tf.Tensor3D {
  const p = opts.dropout ?? 0;
  const dropped = opts.training && p > 0 ? tf.dropout(weights, p, undefined, (opts.seed ?? 0) + 1) : weights;
  return tf.matMul(dropped as tf.Tensor3D, values);
}

export function scaledDotProductScores(queries: tf.Tensor3D, keys: tf.Tensor3D): tf.Tensor3D {
  if (queries.rank !== 3 || keys.rank !== 3 || queries.shape[2] !== keys.shape[2] || queries.shape[0] !== keys.shape[0])
    throw new ShapeMismatchError(
      `queries [b, n, d] and keys [b, m, d] must have the same batch and depth, got queries [${queries.shape.join(', ')}] and keys [${keys.shape.join(', ')}]`,
    );
  // Q scaled first, then one batched product with Kᵀ (tfjs transposes inside the kernel).
  return tf.tidy(() => tf.matMul(queries.mul(1 / Math.sqrt(queries.shape[2])), keys, false, true) as tf.Tensor3D);
}

export function dotProductAttention(
  queries: tf.Tensor3D,
  keys: tf.Tensor3D,
  values: tf.Tensor3D,
  validLens: tf.Tensor | null,
  opts: AttentionOptions = {},
): Attention {
  checkQkv(queries, keys, values, true);
  return tf.tidy(() => {
    const attentionWeights = maskedSoftmax(scaledDotProductScores(queries, keys), validLens);
    return { output: attend(attentionWeights, values, opts), attentionWeights };
  });
}
