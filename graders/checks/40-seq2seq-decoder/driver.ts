/**
 * Runs beside the student's decoder (graders/registry.ts): the decoder with every parameter and
 * the state as separate tensor arguments (for the gradient check), and the whole seq2seq model
 * with the reference encoder and the student's decoder behind the encoder-decoder interface.
 */
import * as tf from '@tensorflow/tfjs';
import * as student from 'd2l-ts/student';
import { type EncoderOutputs, encoderDecoder, seq2seqEncoder } from '../../../reference/39-encoder-decoder';
import type * as Reference from '../../../reference/40-seq2seq-decoder';

const { seq2seqDecoder, seq2seqDecoderInitState } = student as Pick<
  typeof Reference,
  'seq2seqDecoder' | 'seq2seqDecoderInitState'
>;
const NAMES = ['W_xz', 'W_hz', 'b_z', 'W_xr', 'W_hr', 'b_r', 'W_xh', 'W_hh', 'b_h'] as const;

/** The decoder's Y and new H, flattened and concatenated; the layers' parameters nine at a time in NAMES' order. */
export function driveDecoder(
  X: tf.Tensor2D,
  context: tf.Tensor2D,
  H: tf.Tensor3D,
  embedding: tf.Tensor2D,
  W_hq: tf.Tensor2D,
  b_q: tf.Tensor1D,
  ...layerParams: tf.Tensor[]
): tf.Tensor1D {
  return tf.tidy(() => {
    const layers = Array.from({ length: layerParams.length / NAMES.length }, (_, l) =>
      Object.fromEntries(NAMES.map((k, i) => [k, layerParams[l * NAMES.length + i]!])),
    ) as unknown as Reference.Seq2SeqDecoderParams['layers'];
    const out = seq2seqDecoder({ embedding, layers, W_hq, b_q }, X, { context, H });
    return tf.concat([out.Y.reshape([-1]), out.state.H.reshape([-1])]) as tf.Tensor1D;
  });
}

/** encoderDecoder (the reference's) with the reference encoder and the student's initState and decoder: Y [n, T, V]. */
export function driveSeq2seq(params: Reference.Seq2SeqParams, encX: tf.Tensor2D, decX: tf.Tensor2D): tf.Tensor3D {
  return tf.tidy(() => {
    const model = {
      encoder: { forward: seq2seqEncoder },
      decoder: { initState: (o: EncoderOutputs) => seq2seqDecoderInitState(o), forward: seq2seqDecoder },
    };
    const validLen = tf.fill([encX.shape[0]], encX.shape[1], 'int32') as tf.Tensor1D;
    return encoderDecoder(model, params, encX, decX, validLen).Y;
  });
}
