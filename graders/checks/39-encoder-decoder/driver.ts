/**
 * Runs beside the student's encoder (graders/registry.ts): the encoder with its parameters as
 * separate tensor arguments (for the gradient check), and encoderDecoder driven with a small
 * encoder and decoder of known arithmetic that record how they are called (callbacks cannot
 * cross to the checks).
 */
import * as tf from '@tensorflow/tfjs';
import * as student from 'd2l-ts/student';
import type * as Reference from '../../../reference/39-encoder-decoder';

const { seq2seqEncoder, encoderDecoder } = student as Pick<typeof Reference, 'seq2seqEncoder' | 'encoderDecoder'>;
const NAMES = ['W_xz', 'W_hz', 'b_z', 'W_xr', 'W_hr', 'b_r', 'W_xh', 'W_hh', 'b_h'] as const;

/** seq2seqEncoder's outputs and state, flattened and concatenated; the layers' parameters nine at a time in NAMES' order. */
export function driveEncoder(X: tf.Tensor2D, embedding: tf.Tensor2D, ...layerParams: tf.Tensor[]): tf.Tensor1D {
  return tf.tidy(() => {
    const layers = Array.from({ length: layerParams.length / NAMES.length }, (_, l) =>
      Object.fromEntries(NAMES.map((k, i) => [k, layerParams[l * NAMES.length + i]!])),
    ) as unknown as Reference.GruLayer[];
    const { outputs, state } = seq2seqEncoder({ embedding, layers }, X);
    return tf.concat([outputs.reshape([-1]), state.reshape([-1])]) as tf.Tensor1D;
  });
}

/**
 * encoderDecoder with a model whose encoder returns { out: 2 encX }, whose initState returns
 * { s: Σ_t out + validLen } and whose decoder returns Y = 3 decX + s (one output unit) and the
 * state { s: 2 s }. The calls are recorded: which parameters, tensors and options each part got.
 */
export function driveEncoderDecoderCalls(
  encX: tf.Tensor2D,
  decX: tf.Tensor2D,
  validLen: tf.Tensor1D,
  opts?: Reference.ForwardOptions,
): { calls: string[]; Y: tf.Tensor3D; s: tf.Tensor1D } {
  const params = { encoder: { w: tf.scalar(2) }, decoder: { w: tf.scalar(3) } };
  const calls: string[] = [];
  const who = (t: unknown, names: Record<string, unknown>) =>
    Object.entries(names).find(([, v]) => v === t)?.[0] ?? 'something else';
  type Out = { out: tf.Tensor2D };
  type State = { s: tf.Tensor1D };
  const model: Reference.EncoderDecoder<{ w: tf.Scalar }, { w: tf.Scalar }, Out, State> = {
    encoder: {
      forward(p, X, vl, o) {
        calls.push(
          `encoder.forward(${who(p, params)} params, ${who(X, { encX, decX })}, ${who(vl, { validLen })}, opts ${JSON.stringify(o)})`,
        );
        return { out: X.cast('float32').mul(p.w) as tf.Tensor2D };
      },
    },
    decoder: {
      initState(enc, vl) {
        calls.push(
          `decoder.initState(the encoder's outputs: ${enc?.out instanceof tf.Tensor}, ${who(vl, { validLen })})`,
        );
        return { s: enc.out.sum(1).add(vl.cast('float32')) as tf.Tensor1D };
      },
      forward(p, X, state, o) {
        calls.push(
          `decoder.forward(${who(p, params)} params, ${who(X, { encX, decX })}, the state initState made: ${state?.s instanceof tf.Tensor}, opts ${JSON.stringify(o)})`,
        );
        const Y = X.cast('float32').mul(p.w).add(state.s.expandDims(1)).expandDims(2) as tf.Tensor3D;
        return { Y, state: { s: state.s.mul(2) as tf.Tensor1D } };
      },
    },
  };
  const { Y, state } = encoderDecoder(model, params, encX, decX, validLen, opts);
  tf.dispose([params.encoder.w, params.decoder.w]);
  return { calls, Y, s: state.s };
}
