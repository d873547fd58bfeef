import * as tf from '@tensorflow/tfjs';
import {
  type EncoderOutputs,
  type ForwardOptions,
  type GruLayer,
  gruStack,
  initGruLayer,
  xavierUniform,
} from 'd2l-ts/reference/39-encoder-decoder';
import { ShapeMismatchError } from 'd2l-ts/reference/errors';
import { embedding } from 'd2l-ts/reference/ops/embedding';

/**
 * The decoder's parameters: the embedding [V, e] of the target vocabulary, L GRU layers (layer 0
 * reads a token's embedding and the context, e + h inputs; the others h), and the dense output
 * layer W_hq [h, V], b_q [V] (d2l's nn.Linear(num_hiddens, vocab_size)).
 */
export interface Seq2SeqDecoderParams {
  embedding: tf.Tensor2D;
  layers: GruLayer[];
  W_hq: tf.Tensor2D;
  b_q: tf.Tensor1D;
}

/** The decoder's state: the context c [n, h] of the source sentences and the GRU's states H [L, n, h]. */
export interface Seq2SeqDecoderState {
  context: tf.Tensor2D;
  H: tf.Tensor3D;
}

/**
 * d2l's Seq2SeqDecoder as train_seq2seq initialises it, with the stated draws:
 *   embedding [vocabSize, embedSize]: tf.randomNormal(shape, 0, 1, 'float32', seed + 1);
 *   layer l: initGruLayer(l === 0 ? embedSize + numHiddens : numHiddens, numHiddens, seed + 2 + 6l)
 *     (from d2l-ts/reference/39-encoder-decoder: the encoder's Xavier draws);
 *   W_hq [numHiddens, vocabSize]: xavierUniform([h, V], h, V, seed + 2 + 6L) (nn.Linear's fans);
 *   b_q zeros [vocabSize].
 */
export function initSeq2seqDecoder(
  vocabSize: number,
  embedSize: number,
  numHiddens: number,
  numLayers: number,
  seed: number,
): Seq2SeqDecoderParams {
  // BEGIN SOLUTION
  const layers: GruLayer[] = [];
  for (let l = 0; l < numLayers; l++)
    layers.push(initGruLayer(l === 0 ? embedSize + numHiddens : numHiddens, numHiddens, seed + 2 + 6 * l));
  return {
    embedding: tf.randomNormal([vocabSize, embedSize], 0, 1, 'float32', seed + 1),
    layers,
    W_hq: xavierUniform([numHiddens, vocabSize], numHiddens, vocabSize, seed + 2 + 6 * numLayers),
    b_q: tf.zeros([vocabSize]),
  };
  // END SOLUTION
}

/**
 * d2l's init_state: from the encoder's { outputs [T, n, h], state [L, n, h] }, the context is the
 * encoder's last state of its top layer, state[L − 1] (= outputs[T − 1]), and the decoder's GRU
 * starts from the encoder's last states H = state. New tensors (the encoder's outputs may be
 * disposed).
 */
export function seq2seqDecoderInitState(encOutputs: EncoderOutputs): Seq2SeqDecoderState {
  // BEGIN SOLUTION
  return tf.tidy(() => {
    const [L, n, h] = encOutputs.state.shape;
    // A slice, not tf.unstack: the gradient of an unstack into a single tensor (L = 1) fails.
    const top = encOutputs.state.slice([L - 1, 0, 0], [1, n, h]).reshape([n, h]) as tf.Tensor2D;
    return { context: top, H: encOutputs.state.clone() };
  });
  // END SOLUTION
}

/**
 * d2l's Seq2SeqDecoder.forward (解码器): the target tokens X [n, T] (int32) embedded in time-major
 * order [T, n, e]; at every step t the input is the token's embedding concatenated with the
 * context, [emb_t, c] (e + h values: the embedding first); gruStack (d2l-ts/reference/39) runs
 * the layers from state.H (with opts in training); the dense layer gives the logits
 * O_t = H_t^(L) W_hq + b_q of every step. Returns
 *   Y      [n, T, V]: batch-major, as d2l's output.permute(1, 0, 2);
 *   state  { context: the same context (a new tensor), H: the GRU's last states [L, n, h] }.
 * The context is the one of the state passed in, never the decoder's own state: fed one token at
 * a time, the decoder sees the context it was trained with (d2l 1.0; d2l-zh 0.17 took state[-1]).
 * A state for another batch size than X's throws a ShapeMismatchError naming the state.
 */
export function seq2seqDecoder(
  params: Seq2SeqDecoderParams,
  X: tf.Tensor2D,
  state: Seq2SeqDecoderState,
  opts?: ForwardOptions,
): { Y: tf.Tensor3D; state: Seq2SeqDecoderState } {
  // BEGIN SOLUTION
  const [n, T] = X.shape;
  if (state.context.shape[0] !== n || state.H.shape[1] !== n)
    throw new ShapeMismatchError(
      `the state holds a batch of ${state.H.shape[1]} but X a batch of ${n}: encoder and decoder batch sizes differ`,
    );
  return tf.tidy(() => {
    const embs = embedding(params.embedding, X.transpose()) as tf.Tensor3D;
    const h = state.context.shape[1];
    const contexts = tf.stack(new Array(T).fill(state.context)) as tf.Tensor3D;
    const inputs = tf.concat([embs, contexts], 2) as tf.Tensor3D;
    const { outputs, state: H } = gruStack(params.layers, inputs, state.H, opts);
    const Y = outputs
      .reshape([T * n, h])
      .matMul(params.W_hq)
      .add(params.b_q)
      .reshape([T, n, -1])
      .transpose([1, 0, 2]) as tf.Tensor3D;
    return { Y, state: { context: state.context.clone(), H } };
  });
  // END SOLUTION
}
