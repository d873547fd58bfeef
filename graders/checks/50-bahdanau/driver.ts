/**
 * Runs beside the student's decoder (graders/registry.ts): the decoder with every parameter and
 * the state as separate tensor arguments (for the gradient check), and the training of the whole
 * model (the reference encoder, the student's initState and decoder) by reference/42's
 * trainSeq2seq, whose losses the training check compares with the reference model's.
 */
import * as tf from '@tensorflow/tfjs';
import * as student from 'd2l-ts/student';
import type { EncoderOutputs } from '../../../reference/39-encoder-decoder';
import { seq2seqEncoder } from '../../../reference/39-encoder-decoder';
import type { NmtData } from '../../../reference/38-nmt-batches';
import { paramLeaves, type TrainConfig, trainSeq2seq } from '../../../reference/42-seq2seq-train';
import type * as Reference from '../../../reference/50-bahdanau';

const { seq2seqAttentionDecoder, attentionDecoderInitState } = student as Pick<
  typeof Reference,
  'seq2seqAttentionDecoder' | 'attentionDecoderInitState'
>;
const NAMES = ['W_xz', 'W_hz', 'b_z', 'W_xr', 'W_hr', 'b_r', 'W_xh', 'W_hh', 'b_h'] as const;

/** The decoder's Y, new H and attention weights, flattened and concatenated; the layers' parameters nine at a time in NAMES' order. */
export function driveDecoder(
  X: tf.Tensor2D,
  encValidLens: tf.Tensor1D,
  encOutputs: tf.Tensor3D,
  H: tf.Tensor3D,
  embedding: tf.Tensor2D,
  W_q: tf.Tensor2D,
  W_k: tf.Tensor2D,
  w_v: tf.Tensor2D,
  W_hq: tf.Tensor2D,
  b_q: tf.Tensor1D,
  ...layerParams: tf.Tensor[]
): tf.Tensor1D {
  return tf.tidy(() => {
    const layers = Array.from({ length: layerParams.length / NAMES.length }, (_, l) =>
      Object.fromEntries(NAMES.map((k, i) => [k, layerParams[l * NAMES.length + i]!])),
    ) as unknown as Reference.Seq2SeqAttentionDecoderParams['layers'];
    const out = seq2seqAttentionDecoder({ embedding, attention: { W_q, W_k, w_v }, layers, W_hq, b_q }, X, {
      encOutputs,
      H,
      encValidLens,
    });
    return tf.concat([out.Y.reshape([-1]), out.state.H.reshape([-1])]) as tf.Tensor1D;
  });
}

/** trainSeq2seq (the reference's) of the reference encoder with your initState and decoder: the losses of every epoch. */
export function driveTrain(params: Reference.Seq2SeqAttentionParams, data: NmtData, config: TrainConfig): number[] {
  const model = {
    encoder: { forward: seq2seqEncoder },
    decoder: {
      initState: (o: EncoderOutputs, validLen: tf.Tensor1D) => attentionDecoderInitState(o, validLen),
      forward: seq2seqAttentionDecoder,
    },
  };
  const out = trainSeq2seq(model, params, data, config);
  tf.dispose(paramLeaves(out.params));
  return out.losses;
}
