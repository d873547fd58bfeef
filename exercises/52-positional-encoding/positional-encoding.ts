import * as tf from '@tensorflow/tfjs';
import { dropoutLayer } from 'd2l-ts/reference/13-dropout';
import { HyperparameterError } from 'd2l-ts/reference/errors';

/** Dropout after adding the encoding, and the length of the table. */
export interface PositionalEncodingOptions {
  dropout?: number;
  training?: boolean;
  seed?: number;
  /** d2l's max_len, default 1000. */
  maxLen?: number;
  /** The position of the first step of X, default 0. */
  offset?: number;
}

/**
 * d2l's sinusoidal position-encoding table (位置编码) P [maxLen, d], d = numHiddens:
 *   P[i, 2j]     = sin(i / 10000^(2j/d)),
 *   P[i, 2j + 1] = cos(i / 10000^(2j/d)),      i = 0 .. maxLen − 1,  j = 0 .. d/2 − 1.
 * Column pair (2j, 2j + 1) turns at frequency ω_j = 1/10000^(2j/d): high frequencies in the first
 * columns, low in the last, like the bits of a binary counter. Because
 *   [sin ω(i+δ), cos ω(i+δ)] = [[cos ωδ, sin ωδ], [−sin ωδ, cos ωδ]] · [sin ωi, cos ωi],
 * the encoding of position i + δ is a fixed linear map (a rotation per pair) of that of i, the
 * same map for every i: relative positions are linear in the encoding.
 * d2l: X = arange(maxLen)[:, None] / 10000^(arange(0, d, 2) / d); P[:, 0::2] = sin(X);
 * P[:, 1::2] = cos(X) (columns interleaved, not two halves).
 * An odd numHiddens (d2l's code fails there): HyperparameterError naming numHiddens.
 */
export function positionalEncodingTable(maxLen: number, numHiddens: number): tf.Tensor2D {
  throw new Error('Not implemented: positionalEncodingTable (52-positional-encoding). The task is in exercises/52-positional-encoding/README.md');
}

/**
 * d2l's PositionalEncoding.forward: X [b, T, d] plus T rows of the table (the same for every
 * example), then dropout, dropoutLayer(X + P, p, seed, training) from 13-dropout (so only in
 * training). The rows are those of positions offset .. offset + T − 1 (opts.offset, default 0:
 * d2l's P[:T]); a decoder that predicts one token at a time passes the number of tokens before
 * it, so that step t is encoded as position t as it was in training. (d2l's code always adds
 * P[:T], so in its step-by-step prediction every token gets position 0's encoding.)
 * The table has maxLen rows (default 1000): offset + T > maxLen is a HyperparameterError naming
 * maxLen; an odd d one naming numHiddens.
 */
export function positionalEncoding(X: tf.Tensor3D, opts: PositionalEncodingOptions = {}): tf.Tensor3D {
  throw new Error('Not implemented: positionalEncoding (52-positional-encoding). The task is in exercises/52-positional-encoding/README.md');
}
