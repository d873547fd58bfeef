/**
 * Exercise 40's building blocks: d2l's Seq2SeqDecoder (d2l-zh 9.7.2, d2l-en 10.7.2) and the whole
 * seq2seq model of the encoder-decoder interface (reference/39-encoder-decoder.ts):
 *
 *   Seq2SeqDecoderParams, initSeq2seqDecoder(vocabSize, embedSize, numHiddens, numLayers, seed)
 *   Seq2SeqDecoderState { context [n, h], H [L, n, h] }
 *   seq2seqDecoderInitState(encOutputs)      context = the encoder's top-layer last state, H = its states
 *   seq2seqDecoder(params, X, state, opts)   { Y [n, T, V], state }: the context stays as it was
 *   seq2seqModel                             { encoder, decoder } for encoderDecoder, training and prediction
 *   Seq2SeqParams, initSeq2seq(...)          both parameter records
 *
 * The context is the ENCODER's final top-layer state at every step, in training (a whole target
 * sequence at once) and in prediction (one token at a time, the state carried on): d2l 1.0 keeps
 * the encoder's outputs in the state for this. d2l-zh 0.17 took state[-1] of the state passed in,
 * which in step-by-step prediction is the decoder's own last state, not the context it was
 * trained with (the translation corpus's author measured BLEU 0.52 against 0.99 on training pairs).
 */
import * as tf from '@tensorflow/tfjs';
import {
  type EncoderDecoder,
  type EncoderDecoderParams,
  type EncoderOutputs,
  type ForwardOptions,
  type GruLayer,
  gruStack,
  initGruLayer,
  initSeq2seqEncoder,
  type Seq2SeqEncoderParams,
  seq2seqEncoder,
  xavierUniform,
} from './39-encoder-decoder';
import { ShapeMismatchError } from './errors';
import { embedding } from './ops/embedding';
import { matMul } from './ops/mat-mul';

/** The decoder's parameters: embedding [V, e], L GRU layers (the first on e + h inputs), the dense layer W_hq [h, V], b_q [V]. */
export interface Seq2SeqDecoderParams {
  embedding: tf.Tensor2D;
  layers: GruLayer[];
  W_hq: tf.Tensor2D;
  b_q: tf.Tensor1D;
}

/** The decoder's state: the context (fixed for a source sentence) and the GRU's states. */
export interface Seq2SeqDecoderState {
  context: tf.Tensor2D;
  H: tf.Tensor3D;
}

/**
 * d2l's Seq2SeqDecoder initialised as train_seq2seq does: the embedding N(0, 1) (seed + 1), layer
 * l's six weights with seeds seed + 2 + 6l … (initGruLayer; layer 0 reads the embedding and the
 * context, e + h inputs), then the dense layer's W_hq [h, V] xavier-uniform (nn.Linear(h, V):
 * fan-in h, fan-out V) with seed + 2 + 6L; biases zero.
 */
export function initSeq2seqDecoder(
  vocabSize: number,
  embedSize: number,
  numHiddens: number,
  numLayers: number,
  seed: number,
): Seq2SeqDecoderParams {
  return {
    embedding: tf.randomNormal([vocabSize, embedSize], 0, 1, 'float32', seed + 1),
    layers: Array.from({ length: numLayers }, (_, l) =>
      initGruLayer(l === 0 ? embedSize + numHiddens : numHiddens, numHiddens, seed + 2 + 6 * l),
    ),
    W_hq: xavierUniform([numHiddens, vocabSize], numHiddens, vocabSize, seed + 2 + 6 * numLayers),
    b_q: tf.zeros([vocabSize]),
  };
}

/** d2l's init_state: the context is the encoder's top-layer last state, the GRU starts from the encoder's last states. */
export function seq2seqDecoderInitState(encOutputs: EncoderOutputs): Seq2SeqDecoderState {
  return tf.tidy(() => {
    const [L, n, h] = encOutputs.state.shape;
    return {
      // slice, not gather: gather's gradient has no wasm kernel (docs/facts.md).
      context: encOutputs.state.slice([L - 1, 0, 0], [1, n, h]).reshape([n, h]) as tf.Tensor2D,
      H: encOutputs.state.clone(),
    };
  });
}

/**
 * d2l's Seq2SeqDecoder.forward: the embeddings of X [n, T] (time-major), each step's concatenated
 * with the context, through the stacked GRU from state.H, and the dense layer on the top layer's
 * states. Returns the logits Y [n, T, V] (batch-major) and { context (unchanged), H: the last states }.
 */
export function seq2seqDecoder(
  params: Seq2SeqDecoderParams,
  X: tf.Tensor2D,
  state: Seq2SeqDecoderState,
  opts?: ForwardOptions,
): { Y: tf.Tensor3D; state: Seq2SeqDecoderState } {
  const [n, T] = X.shape;
  const { context, H } = state;
  const [L, , h] = [params.layers.length, 0, params.layers[0]!.W_hh.shape[0]];
  if (context.shape[0] !== n || H.shape[1] !== n)
    throw new ShapeMismatchError(
      `the state is for a batch of ${H.shape[1]} (context: ${context.shape[0]}), but X holds ${n} sequences: mismatched batch sizes between encoder and decoder`,
    );
  if (H.shape[0] !== L || H.shape[2] !== h || context.shape[1] !== h)
    throw new ShapeMismatchError(
      `the state's H has shape [${H.shape.join(', ')}] and its context [${context.shape.join(', ')}], but the decoder has ${L} layers of ${h} units`,
    );
  return tf.tidy(() => {
    const embs = embedding(params.embedding, X.transpose()) as tf.Tensor3D;
    // Stacked copies, not tf.broadcastTo: wasm tiles in JavaScript, and stack's gradient is cheap contiguous slices.
    const contexts = tf.stack(new Array<tf.Tensor2D>(T).fill(context));
    const { outputs, state: H1 } = gruStack(params.layers, tf.concat([embs, contexts], 2) as tf.Tensor3D, H, opts);
    const logits = matMul(outputs.reshape([T * n, h]), params.W_hq).add(params.b_q);
    return {
      Y: logits.reshape([T, n, -1]).transpose([1, 0, 2]) as tf.Tensor3D,
      state: { context: context.clone(), H: H1 },
    };
  });
}

/** The seq2seq decoder as a Decoder of the interface. */
export const seq2seqDecoderModule = {
  initState: (encOutputs: EncoderOutputs) => seq2seqDecoderInitState(encOutputs),
  forward: seq2seqDecoder,
};

/** Both parameter records of the seq2seq model. */
export type Seq2SeqParams = EncoderDecoderParams<Seq2SeqEncoderParams, Seq2SeqDecoderParams>;

/** d2l's EncoderDecoder(Seq2SeqEncoder, Seq2SeqDecoder). */
export const seq2seqModel: EncoderDecoder<
  Seq2SeqEncoderParams,
  Seq2SeqDecoderParams,
  EncoderOutputs,
  Seq2SeqDecoderState
> = { encoder: { forward: seq2seqEncoder }, decoder: seq2seqDecoderModule };

/** The seq2seq model's parameters, as train_seq2seq initialises them: the encoder with seed, the decoder with seed + 1000. */
export function initSeq2seq(
  srcVocabSize: number,
  tgtVocabSize: number,
  embedSize: number,
  numHiddens: number,
  numLayers: number,
  seed: number,
): Seq2SeqParams {
  return {
    encoder: initSeq2seqEncoder(srcVocabSize, embedSize, numHiddens, numLayers, seed),
    decoder: initSeq2seqDecoder(tgtVocabSize, embedSize, numHiddens, numLayers, seed + 1000),
  };
}
