import * as tf from '@tensorflow/tfjs';
import { ShapeMismatchError } from 'd2l-ts/reference/errors';
import { embedding } from 'd2l-ts/reference/ops/embedding';

/** Training mode: dropout of rate `dropout` (0 ≤ dropout < 1) with masks drawn from `seed`. */
export interface ForwardOptions {
  dropout: number;
  seed: number;
}

/**
 * The encoder-decoder interface (编码器-解码器架构), d2l's Encoder / Decoder / EncoderDecoder as
 * functions over parameter records:
 * - an encoder turns a variable-length source X [n, T] (token indices, int32; validLen [n] its
 *   valid lengths) into outputs O of a fixed shape;
 * - a decoder makes its state S from the encoder's outputs (initState), then maps target tokens
 *   X [n, T] and the state to logits Y [n, T, V] and a new state (forward).
 */
export interface Encoder<PE, O> {
  forward(params: PE, X: tf.Tensor2D, validLen: tf.Tensor1D, opts?: ForwardOptions): O;
}
export interface Decoder<PD, O, S> {
  initState(encOutputs: O, validLen: tf.Tensor1D): S;
  forward(params: PD, X: tf.Tensor2D, state: S, opts?: ForwardOptions): { Y: tf.Tensor3D; state: S };
}
export interface EncoderDecoder<PE, PD, O, S> {
  encoder: Encoder<PE, O>;
  decoder: Decoder<PD, O, S>;
}

/** How much encoderDecoder adds to opts.seed for the decoder, so its dropout masks differ from the encoder's. */
export const DECODER_SEED_OFFSET = 500;

/**
 * d2l's EncoderDecoder.forward(enc_X, dec_X, *args): encX through the encoder (with params.encoder,
 * validLen and opts), the decoder's state from its outputs (initState with validLen), then decX
 * through the decoder (params.decoder, that state, and opts with seed + DECODER_SEED_OFFSET when
 * opts is given). Returns what the decoder returns; nothing else may be left behind (the encoder's
 * outputs are intermediate).
 */
export function encoderDecoder<PE, PD, O, S>(
  model: EncoderDecoder<PE, PD, O, S>,
  params: { encoder: PE; decoder: PD },
  encX: tf.Tensor2D,
  decX: tf.Tensor2D,
  validLen: tf.Tensor1D,
  opts?: ForwardOptions,
): { Y: tf.Tensor3D; state: S } {
  throw new Error('Not implemented: encoderDecoder (39-encoder-decoder). The task is in exercises/39-encoder-decoder/README.md');
}

/** One GRU layer: exercise 33's gates and candidate (W_x* [inputs, h], W_h* [h, h], b_* [h]), no output layer. */
export interface GruLayer {
  W_xz: tf.Tensor2D;
  W_hz: tf.Tensor2D;
  b_z: tf.Tensor1D;
  W_xr: tf.Tensor2D;
  W_hr: tf.Tensor2D;
  b_r: tf.Tensor1D;
  W_xh: tf.Tensor2D;
  W_hh: tf.Tensor2D;
  b_h: tf.Tensor1D;
}

/** The encoder's parameters: the embedding [V, e] and L GRU layers (the first on e inputs, the others on h). */
export interface Seq2SeqEncoderParams {
  embedding: tf.Tensor2D;
  layers: GruLayer[];
}

/**
 * d2l's Seq2SeqEncoder as train_seq2seq initialises it (xavier_init_weights; its nn.GRU holds a
 * layer's three input weights as one [3h, inputs] matrix and its three state weights as one
 * [3h, h], so Xavier's fan-out is 3h):
 *   embedding [vocabSize, embedSize]: tf.randomNormal(shape, 0, 1, 'float32', seed + 1) (nn.Embedding's N(0, 1));
 *   layer l (inputs d = embedSize for l = 0, numHiddens above): its weights in the order
 *     W_xz, W_hz, W_xr, W_hr, W_xh, W_hh, with seeds seed + 2 + 6l, seed + 3 + 6l, …, seed + 7 + 6l,
 *     each tf.randomUniform(shape, −a, a, 'float32', itsSeed) with
 *     a = sqrt(6 / (d + 3h)) for W_x* [d, h] and a = sqrt(6 / (h + 3h)) for W_h* [h, h];
 *   the biases b_z, b_r, b_h zeros [h].
 */
export function initSeq2seqEncoder(
  vocabSize: number,
  embedSize: number,
  numHiddens: number,
  numLayers: number,
  seed: number,
): Seq2SeqEncoderParams {
  throw new Error('Not implemented: initSeq2seqEncoder (39-encoder-decoder). The task is in exercises/39-encoder-decoder/README.md');
}

/**
 * L stacked GRU layers (d2l's nn.GRU(num_layers=L), 深度循环神经网络) over time-major inputs
 * [T, n, d]. Layer l starts from H0[l] ([L, n, h]; all zeros when H0 is undefined) and runs the
 * GRU step of exercise 33 over its input sequence:
 *   Z = σ(X W_xz + H W_hz + b_z),  R = σ(X W_xr + H W_hr + b_r),
 *   H̃ = tanh(X W_xh + (R ⊙ H) W_hh + b_h),  H' = Z ⊙ H + (1 − Z) ⊙ H̃;
 * layer 0 reads the inputs, layer l + 1 the states of layer l. Returns
 *   outputs [T, n, h]: the top layer's state after every step;
 *   state   [L, n, h]: every layer's last state.
 * Training (opts given, opts.dropout > 0): like nn.GRU(dropout=p), the state sequence of every
 * layer l < L − 1, stacked to [T, n, h], passes through tf.dropout(it, opts.dropout, undefined,
 * opts.seed + l) on its way to layer l + 1; its entry in state is taken before dropout.
 * An H0 that is not [L, n, h] throws a ShapeMismatchError naming H0.
 */
export function gruStack(
  layers: GruLayer[],
  inputs: tf.Tensor3D,
  H0?: tf.Tensor3D,
  opts?: ForwardOptions,
): { outputs: tf.Tensor3D; state: tf.Tensor3D } {
  throw new Error('Not implemented: gruStack (39-encoder-decoder). The task is in exercises/39-encoder-decoder/README.md');
}

/**
 * d2l's Seq2SeqEncoder.forward: the embeddings of the tokens X [n, T] (int32), in time-major order
 * [T, n, e] (the GRU runs over time: embed X transposed), through gruStack from zero states.
 * Returns { outputs [T, n, h], state [L, n, h] }. The valid lengths are not used (d2l's *args: the padding
 * is encoded too). The lookup: embedding(params.embedding, indices) from
 * d2l-ts/reference/ops/embedding (row i of the weight for index i; tf.gather's gradient has no
 * wasm kernel), or tf.oneHot(indices, V) times the weight.
 */
export function seq2seqEncoder(
  params: Seq2SeqEncoderParams,
  X: tf.Tensor2D,
  _validLen?: tf.Tensor1D,
  opts?: ForwardOptions,
): { outputs: tf.Tensor3D; state: tf.Tensor3D } {
  throw new Error('Not implemented: seq2seqEncoder (39-encoder-decoder). The task is in exercises/39-encoder-decoder/README.md');
}
