import * as tf from '@tensorflow/tfjs';
import { HyperparameterError } from './errors';

/**
 * d2l's PositionalEncoding, for the Transformer (54) and BERT-style encoders:
 *
 *   positionalEncodingTable(maxLen, numHiddens) -> P [maxLen, numHiddens],
 *     P[i, 2j] = sin(i / 10000^(2j/d)),  P[i, 2j + 1] = cos(i / 10000^(2j/d))
 *   positionalEncoding(X [b, T, d], opts) -> dropout(X + P[offset : offset + T]),
 *     opts { dropout, training, seed, maxLen = 1000, offset = 0 }, the dropout of 13-dropout
 *     (tf.dropout with seed + 1, training only); offset > 0 encodes steps that continue a sequence
 *     (a decoder predicting one token at a time after `offset` earlier ones)
 *
 * The table is computed in float64 in JavaScript and rounded once (tfjs's float32 angles are off
 * by up to 6e-5 near position 1000), and only its first T rows: nothing is cached, so a caller
 * never holds a tensor it did not ask for. An odd numHiddens, or offset + T > maxLen, throws
 * HyperparameterError naming it.
 */
export interface PositionalEncodingOptions {
  dropout?: number;
  training?: boolean;
  seed?: number;
  /** d2l's max_len: the longest sequence the table covers (default 1000). */
  maxLen?: number;
  /** The position of X's first step (default 0). */
  offset?: number;
}

function checkHiddens(numHiddens: number): void {
  if (!Number.isInteger(numHiddens) || numHiddens < 2 || numHiddens % 2 !== 0)
    throw new HyperparameterError(
      `numHiddens must be even (a sine and a cosine per frequency), got numHiddens = ${numHiddens}`,
    );
}

/** Rows from .. from + rows − 1 of the table for d = numHiddens, in float64 then float32. */
function table(rows: number, numHiddens: number, from = 0): Float32Array {
  const P = new Float32Array(rows * numHiddens);
  for (let j = 0; j < numHiddens; j += 2) {
    const omega = 1 / 10000 ** (j / numHiddens);
    for (let i = 0; i < rows; i++) {
      P[i * numHiddens + j] = Math.sin((from + i) * omega);
      P[i * numHiddens + j + 1] = Math.cos((from + i) * omega);
    }
  }
  return P;
}

export function positionalEncodingTable(maxLen: number, numHiddens: number): tf.Tensor2D {
  checkHiddens(numHiddens);
  return tf.tensor2d(table(maxLen, numHiddens), [maxLen, numHiddens]);
}

export function positionalEncoding(X: tf.Tensor3D, opts: PositionalEncodingOptions = {}): tf.Tensor3D {
  const [, T, d] = X.shape;
  checkHiddens(d);
  const maxLen = opts.maxLen ?? 1000;
  const offset = opts.offset ?? 0;
  if (offset + T > maxLen)
    throw new HyperparameterError(
      `steps ${offset} .. ${offset + T - 1} go beyond the table of maxLen = ${maxLen} rows`,
    );
  return tf.tidy(() => {
    const Y = X.add(tf.tensor2d(table(T, d, offset), [T, d])) as tf.Tensor3D;
    const p = opts.dropout ?? 0;
    return opts.training && p > 0 ? (tf.dropout(Y, p, undefined, (opts.seed ?? 0) + 1) as tf.Tensor3D) : Y;
  });
}
