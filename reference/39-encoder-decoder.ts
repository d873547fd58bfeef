/**
 * Exercise 39's building blocks: d2l's encoder-decoder interface (d2l-zh 9.6, d2l-en 10.6) and
 * the GRU encoder of seq2seq (d2l-zh 9.7.1, d2l-en 10.7.1), in the course's functional style (a
 * model is functions over parameter records). Chapters 7 and 8 import:
 *
 *   Encoder, Decoder, EncoderDecoder   the interface: encoder.forward(params, X, validLen, opts) gives
 *                                      its outputs; decoder.initState(encOutputs, validLen) turns them
 *                                      into the decoder's state; decoder.forward(params, X, state, opts)
 *                                      gives { Y [n, T, V] logits, state }.
 *   encoderDecoder(model, params, encX, decX, validLen, opts)
 *                                      d2l's EncoderDecoder.forward: encode, initState, decode.
 *   ForwardOptions { dropout, seed }   training mode: dropout with a stated seed (omitted: evaluation).
 *   GruLayer, gruStack(layers, inputs, H0, opts)
 *                                      L stacked GRU layers over time-major inputs [T, n, d]:
 *                                      { outputs [T, n, h] of the top layer, state [L, n, h] }.
 *   initGruLayer, xavierUniform        d2l's xavier_init_weights for the GRU's weights.
 *   Seq2SeqEncoderParams, initSeq2seqEncoder, seq2seqEncoder
 *                                      embedding [V, e] + stacked GRU; outputs and final states as above.
 *
 * The GRU cell is the book's (d2l 9.1, exercise 33: R ⊙ H before the product with W_hh, one bias
 * per gate), not PyTorch's nn.GRU (which resets after the product and has two biases per gate).
 * Dropout follows nn.GRU(dropout=p): the output sequence of every layer but the top one, as the
 * next layer reads it; layer l's mask is tf.dropout(outputs, p, undefined, seed + l). The final
 * states are taken before dropout. encoderDecoder runs the decoder with seed + DECODER_SEED_OFFSET,
 * so its masks differ from the encoder's.
 *
 * Speed (the seq2seq training step runs these): each layer is reference/ops/gru-layer.ts, one op
 * over the whole sequence with its backward pass written out (the inputs' products of all steps
 * are one matMul, the update and reset gates share one product per step).
 */
import * as tf from '@tensorflow/tfjs';
import type { GruParams } from './33-gru';
import { ShapeMismatchError } from './errors';
import { embedding } from './ops/embedding';
import { gruSequence } from './ops/gru-layer';

/** Training mode: dropout of rate `dropout` (0 ≤ dropout < 1) with masks drawn from `seed`. */
export interface ForwardOptions {
  dropout: number;
  seed: number;
}

/** How much encoderDecoder adds to the seed for the decoder's dropout masks. */
export const DECODER_SEED_OFFSET = 500;

/** An encoder: from source tokens X [n, T] (int32) and their valid lengths [n] to its outputs O. */
export interface Encoder<PE, O> {
  forward(params: PE, X: tf.Tensor2D, validLen: tf.Tensor1D, opts?: ForwardOptions): O;
}

/** A decoder: its state S from the encoder's outputs, then logits Y [n, T, V] for target tokens X [n, T] and the new state. */
export interface Decoder<PD, O, S> {
  initState(encOutputs: O, validLen: tf.Tensor1D): S;
  forward(params: PD, X: tf.Tensor2D, state: S, opts?: ForwardOptions): { Y: tf.Tensor3D; state: S };
}

export interface EncoderDecoder<PE, PD, O, S> {
  encoder: Encoder<PE, O>;
  decoder: Decoder<PD, O, S>;
}

/** The parameters of an encoder-decoder model: the encoder's and the decoder's records. */
export interface EncoderDecoderParams<PE, PD> {
  encoder: PE;
  decoder: PD;
}

/**
 * d2l's EncoderDecoder.forward(enc_X, dec_X, *args): the encoder's outputs on encX, the decoder's
 * state made from them (and the source's valid lengths), then the decoder on decX from that state.
 * The encoder's outputs are disposed once the state is made (the state must own what it keeps).
 */
export function encoderDecoder<PE, PD, O, S>(
  model: EncoderDecoder<PE, PD, O, S>,
  params: EncoderDecoderParams<PE, PD>,
  encX: tf.Tensor2D,
  decX: tf.Tensor2D,
  validLen: tf.Tensor1D,
  opts?: ForwardOptions,
): { Y: tf.Tensor3D; state: S } {
  return tf.tidy(() => {
    const encOutputs = model.encoder.forward(params.encoder, encX, validLen, opts);
    const state = model.decoder.initState(encOutputs, validLen);
    const decOpts = opts && { dropout: opts.dropout, seed: opts.seed + DECODER_SEED_OFFSET };
    return model.decoder.forward(params.decoder, decX, state, decOpts) as {
      Y: tf.Tensor3D;
      state: S;
    } & tf.TensorContainerObject;
  });
}

/** One GRU layer: exercise 33's gate and candidate parameters, without the output layer. */
export type GruLayer = Omit<GruParams, 'W_hq' | 'b_q'>;

/** Xavier (Glorot) uniform: U(−a, a) with a = sqrt(6 / (fanIn + fanOut)), as PyTorch's xavier_uniform_. */
export function xavierUniform(shape: [number, number], fanIn: number, fanOut: number, seed: number): tf.Tensor2D {
  const a = Math.sqrt(6 / (fanIn + fanOut));
  return tf.randomUniform(shape, -a, a, 'float32', seed);
}

/**
 * A GRU layer of numHiddens units on inputSize inputs, as d2l's xavier_init_weights leaves
 * nn.GRU: its input weights are one [3h, inputSize] matrix (fan-in inputSize, fan-out 3h), its
 * state weights one [3h, h] matrix, so W_x* ~ U(±sqrt(6 / (inputSize + 3h))) and
 * W_h* ~ U(±sqrt(6 / (h + 3h))). Each is drawn with its own seed, seed, seed + 1, ..., seed + 5 in
 * the order W_xz, W_hz, W_xr, W_hr, W_xh, W_hh (exercise 33's); biases zero.
 */
export function initGruLayer(inputSize: number, numHiddens: number, seed: number): GruLayer {
  const h = numHiddens;
  const x = (k: number) => xavierUniform([inputSize, h], inputSize, 3 * h, seed + k);
  const hh = (k: number) => xavierUniform([h, h], h, 3 * h, seed + k);
  const zero = () => tf.zeros<tf.Rank.R1>([h]);
  return {
    W_xz: x(0),
    W_hz: hh(1),
    b_z: zero(),
    W_xr: x(2),
    W_hr: hh(3),
    b_r: zero(),
    W_xh: x(4),
    W_hh: hh(5),
    b_h: zero(),
  };
}

/**
 * L stacked GRU layers (d2l's nn.GRU(num_layers=L)) over time-major inputs [T, n, d], layer l from
 * H0[l] (zeros when H0 is undefined), layer l + 1 reading layer l's states. Returns the top layer's
 * states at every step, outputs [T, n, h], and every layer's last state, state [L, n, h].
 * With opts (training), layer l < L − 1 hands tf.dropout(its outputs [T, n, h], opts.dropout,
 * undefined, opts.seed + l) to the layer above; its entry in state is taken before dropout.
 */
export function gruStack(
  layers: readonly GruLayer[],
  inputs: tf.Tensor3D,
  H0?: tf.Tensor3D,
  opts?: ForwardOptions,
): { outputs: tf.Tensor3D; state: tf.Tensor3D } {
  const [T, n] = inputs.shape;
  const h = layers[0]!.W_hh.shape[0];
  if (H0 && (H0.shape[0] !== layers.length || H0.shape[1] !== n || H0.shape[2] !== h))
    throw new ShapeMismatchError(
      `the initial state H0 has shape [${H0.shape.join(', ')}], expected [${layers.length}, ${n}, ${h}] (layers, batch, hidden units)`,
    );
  return tf.tidy(() => {
    // Slices, not tf.unstack: the gradient of an unstack into a single tensor fails (L = 1).
    const starts = layers.map((_, l) =>
      H0 ? (H0.slice([l, 0, 0], [1, n, h]).reshape([n, h]) as tf.Tensor2D) : tf.zeros<tf.Rank.R2>([n, h]),
    );
    let below = inputs.reshape([T * n, -1]) as tf.Tensor2D;
    const finals = layers.map((layer, l) => {
      const Hs = gruSequence(below, starts[l]!, layer);
      let out: tf.Tensor2D = Hs;
      if (opts && opts.dropout > 0 && l < layers.length - 1)
        out = tf.dropout(out.reshape([T, n, h]), opts.dropout, undefined, opts.seed + l).reshape([T * n, h]);
      below = out;
      return Hs.slice([(T - 1) * n, 0], [n, h]);
    });
    return { outputs: below.reshape([T, n, h]) as tf.Tensor3D, state: tf.stack(finals) as tf.Tensor3D };
  });
}

/** The encoder's parameters: the embedding [V, e] and L GRU layers (the first on e inputs). */
export interface Seq2SeqEncoderParams {
  embedding: tf.Tensor2D;
  layers: GruLayer[];
}

/** The encoder's outputs: the top layer's states [T, n, h] and each layer's last state [L, n, h]. */
export interface EncoderOutputs {
  outputs: tf.Tensor3D;
  state: tf.Tensor3D;
}

/**
 * d2l's Seq2SeqEncoder initialised as train_seq2seq does: the embedding N(0, 1) (nn.Embedding's
 * default) with tf.randomNormal seed + 1, then layer l's six weights (initGruLayer) with seeds
 * seed + 2 + 6l … seed + 7 + 6l; biases zero.
 */
export function initSeq2seqEncoder(
  vocabSize: number,
  embedSize: number,
  numHiddens: number,
  numLayers: number,
  seed: number,
): Seq2SeqEncoderParams {
  return {
    embedding: tf.randomNormal([vocabSize, embedSize], 0, 1, 'float32', seed + 1),
    layers: Array.from({ length: numLayers }, (_, l) =>
      initGruLayer(l === 0 ? embedSize : numHiddens, numHiddens, seed + 2 + 6 * l),
    ),
  };
}

/**
 * d2l's Seq2SeqEncoder.forward: the embeddings of X [n, T] in time-major order [T, n, e], through
 * the stacked GRU from zero states. validLen is not used (d2l's *args): padding is encoded too.
 */
export function seq2seqEncoder(
  params: Seq2SeqEncoderParams,
  X: tf.Tensor2D,
  _validLen?: tf.Tensor1D,
  opts?: ForwardOptions,
): EncoderOutputs {
  return tf.tidy(() =>
    gruStack(params.layers, embedding(params.embedding, X.transpose()) as tf.Tensor3D, undefined, opts),
  );
}

/** The seq2seq encoder as an Encoder of the interface. */
export const seq2seqEncoderModule: Encoder<Seq2SeqEncoderParams, EncoderOutputs> = { forward: seq2seqEncoder };
