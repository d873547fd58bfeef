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

/**
 * The parameters in the order the checks pass them, read off one group at a time (an object
 * literal's properties are evaluated in the order they are written).
 */
function reader(p: tf.Tensor[]) {
  let i = 0;
  const next = <T extends tf.Tensor>() => p[i++] as T;
  return {
    attention: () => ({ W_q: next<T2>(), W_k: next<T2>(), W_v: next<T2>(), W_o: next<T2>() }),
    addNorm: () => ({ gamma: next<T1>(), beta: next<T1>() }),
    ffn: () => ({ W1: next<T2>(), b1: next<T1>(), W2: next<T2>(), b2: next<T1>() }),
  };
}

/** encoderBlock's output in evaluation. */
export function driveEncoderBlock(
  X: tf.Tensor3D,
  validLens: T1 | null,
  numHeads: number,
  ...p: tf.Tensor[]
): tf.Tensor3D {
  const read = reader(p);
  const params = { attention: read.attention(), addNorm1: read.addNorm(), ffn: read.ffn(), addNorm2: read.addNorm() };
  return tf.tidy(() => encoderBlock(params, X, validLens, { numHeads }).output.clone());
}

/** decoderBlock's output in training without dropout (the causal mask on), from an empty cache. */
export function driveDecoderBlock(
  X: tf.Tensor3D,
  encOutputs: tf.Tensor3D,
  encValidLens: T1 | null,
  numHeads: number,
  ...p: tf.Tensor[]
): tf.Tensor3D {
  const read = reader(p);
  const params = {
    attention1: read.attention(),
    addNorm1: read.addNorm(),
    attention2: read.attention(),
    addNorm2: read.addNorm(),
    ffn: read.ffn(),
    addNorm3: read.addNorm(),
  };
  return tf.tidy(() =>
    decoderBlock(
      params,
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
