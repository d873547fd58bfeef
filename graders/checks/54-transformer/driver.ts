/**
 * Runs beside the student's Transformer blocks (graders/registry.ts): each block's output with
 * every parameter a separate tensor argument (in the order of ENCODER_PARAMS / DECODER_PARAMS in
 * checks.ts), so a gradient check can differentiate with respect to each of them.
 */
import * as tf from '@tensorflow/tfjs';
import * as student from 'd2l-ts/student';
import type { NmtData } from '../../../reference/38-nmt-batches';
import { type TrainConfig, trainSeq2seq } from '../../../reference/42-seq2seq-train';
import type * as Reference from '../../../reference/54-transformer';
import { transformerSeq2seq } from '../../../reference/54-transformer';

const { encoderBlock, decoderBlock } = student as Pick<typeof Reference, 'encoderBlock' | 'decoderBlock'>;
type T2 = tf.Tensor2D;
type T1 = tf.Tensor1D;

const attention = (W_q: T2, W_k: T2, W_v: T2, W_o: T2) => ({ W_q, W_k, W_v, W_o });

/** encoderBlock's output in evaluation. */
export function driveEncoderBlock(
  X: tf.Tensor3D,
  validLens: T1 | null,
  numHeads: number,
  ...p: tf.Tensor[]
): tf.Tensor3D {
  const [W_q, W_k, W_v, W_o, gamma1, beta1, W1, b1, W2, b2, gamma2, beta2] = p as [
    T2,
    T2,
    T2,
    T2,
    T1,
    T1,
    T2,
    T1,
    T2,
    T1,
    T1,
    T1,
  ];
  return tf.tidy(() =>
    encoderBlock(
      {
        attention: attention(W_q, W_k, W_v, W_o),
        addNorm1: { gamma: gamma1, beta: beta1 },
        ffn: { W1, b1, W2, b2 },
        addNorm2: { gamma: gamma2, beta: beta2 },
      },
      X,
      validLens,
      { numHeads },
    ).output.clone(),
  );
}

/** decoderBlock's output in training without dropout (the causal mask on), from an empty cache. */
export function driveDecoderBlock(
  X: tf.Tensor3D,
  encOutputs: tf.Tensor3D,
  encValidLens: T1 | null,
  numHeads: number,
  ...p: tf.Tensor[]
): tf.Tensor3D {
  const [a1q, a1k, a1v, a1o, g1, be1, a2q, a2k, a2v, a2o, g2, be2, W1, b1, W2, b2, g3, be3] = p as [
    T2,
    T2,
    T2,
    T2,
    T1,
    T1,
    T2,
    T2,
    T2,
    T2,
    T1,
    T1,
    T2,
    T1,
    T2,
    T1,
    T1,
    T1,
  ];
  return tf.tidy(() =>
    decoderBlock(
      {
        attention1: attention(a1q, a1k, a1v, a1o),
        addNorm1: { gamma: g1, beta: be1 },
        attention2: attention(a2q, a2k, a2v, a2o),
        addNorm2: { gamma: g2, beta: be2 },
        ffn: { W1, b1, W2, b2 },
        addNorm3: { gamma: g3, beta: be3 },
      },
      X,
      { encOutputs, encValidLens, keyValues: null },
      { numHeads, training: true, dropout: 0 },
    ).output.clone(),
  );
}

/**
 * The training check's run: your transformerEncoder and transformerDecoder behind the
 * encoder-decoder interface (reference/54's transformerSeq2seq), trained by reference/42's
 * trainSeq2seq; the trained parameters go back to the check, which translates with the reference.
 */
export function driveTrainTransformer(
  params: Reference.TransformerParams,
  data: NmtData,
  config: TrainConfig,
  numHeads: number,
): { params: Reference.TransformerParams; losses: number[] } {
  const fns = student as Pick<typeof Reference, 'transformerEncoder' | 'transformerDecoder'>;
  const model = transformerSeq2seq(numHeads, params.decoder.blocks.length, {
    transformerEncoder: fns.transformerEncoder,
    transformerDecoder: fns.transformerDecoder,
  });
  return trainSeq2seq(model, params, data, config);
}
