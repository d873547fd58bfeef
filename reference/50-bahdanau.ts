/**
 * Exercise 50's building blocks: d2l's Seq2SeqAttentionDecoder (d2l-zh 10.4, d2l-en 11.4), the
 * Bahdanau attention decoder, behind the encoder-decoder interface of reference/39-encoder-decoder.ts
 * (so reference/42's trainSeq2seq, 43's greedy decoding and 45's beam search run it unchanged):
 *
 *   Seq2SeqAttentionDecoderParams { embedding [V, e], attention { W_q [h, a], W_k [h, a], w_v [a, 1] },
 *                                   layers (layer 0 on h + e inputs), W_hq [h, V], b_q [V] }
 *   AttentionDecoderState         { encOutputs [n, m, h] (batch-major), H [L, n, h], encValidLens [n] }
 *   initSeq2seqAttentionDecoder(V, e, h, L, seed), attentionDecoderInitState(encOutputs, encValidLens)
 *   seq2seqAttentionDecoder(params, X [n, T], state, opts?)
 *                                 { Y [n, T, V], state, attentionWeights [n, T, m] }
 *   seq2seqAttentionModel, initSeq2seqAttention(srcV, tgtV, e, h, L, seed)
 *
 * Step t, d2l's: the query is the top layer's state BEFORE the step (H[L − 1], the previous
 * decoder state; at t = 0 the encoder's last state); keys = values = the encoder's top-layer
 * outputs at every source position; the context c_t = Σ_j α(q, k_j) k_j over the valid source
 * positions (additive attention, masked softmax with the source's valid lengths); the GRU stack
 * reads concat(c_t, embedding of x_t) (context FIRST, as d2l's torch.cat((context, x), dim=-1)) and
 * its top state goes through the dense layer. The attention weights of every step are returned
 * (d2l keeps them in _attention_weights), before dropout.
 *
 * Training (opts): step t runs with seed s_t = opts.seed + DROPOUT_STEP_STRIDE t: the attention's
 * dropout as exercise 48's (tf.dropout of the weights with seed s_t + ATTENTION_SEED_OFFSET + 1),
 * the GRU stack's dropout between layers as gruStack's (layer l with seed s_t + l).
 *
 * Speed: the keys' projection W_k k_j is computed once per call, not at every step; each step is
 * one projection of the query, a tanh, one product with w_v, the masked softmax, one batched
 * product with the values and one gruStack step (reference/ops/gru-layer.ts); the dense layer is
 * one product over all steps.
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
import { maskedSoftmax } from './47-masked-softmax';
import type { AdditiveAttentionParams } from './48-additive-attention';
import { ShapeMismatchError } from './errors';
import { embedding } from './ops/embedding';
import { matMul } from './ops/mat-mul';

export interface Seq2SeqAttentionDecoderParams {
  embedding: tf.Tensor2D;
  attention: AdditiveAttentionParams;
  layers: GruLayer[];
  W_hq: tf.Tensor2D;
  b_q: tf.Tensor1D;
}

export interface AttentionDecoderState {
  encOutputs: tf.Tensor3D;
  H: tf.Tensor3D;
  encValidLens: tf.Tensor1D;
}

export interface AttentionDecoderOutput {
  Y: tf.Tensor3D;
  state: AttentionDecoderState;
  attentionWeights: tf.Tensor3D;
}

/** How far apart the dropout seeds of consecutive decoder steps are. */
export const DROPOUT_STEP_STRIDE = 100;
/** What step t adds to its seed for the attention's dropout (gruStack's layers use s_t + l, l < 50). */
export const ATTENTION_SEED_OFFSET = 50;

/**
 * d2l's decoder under xavier_init_weights (every nn.Linear and nn.GRU weight Xavier-uniform, the
 * attention's three Linear layers included): embedding N(0, 1) with seed + 1; W_q [h, h], W_k [h, h],
 * w_v [h, 1] Xavier with seeds seed + 2, 3, 4; layer l (initGruLayer, layer 0 on h + e inputs) with
 * seeds seed + 5 + 6l …; W_hq [h, V] Xavier with seed + 5 + 6L; b_q zeros.
 */
export function initSeq2seqAttentionDecoder(
  vocabSize: number,
  embedSize: number,
  numHiddens: number,
  numLayers: number,
  seed: number,
): Seq2SeqAttentionDecoderParams {
  const h = numHiddens;
  return {
    embedding: tf.randomNormal([vocabSize, embedSize], 0, 1, 'float32', seed + 1),
    attention: {
      W_q: xavierUniform([h, h], h, h, seed + 2),
      W_k: xavierUniform([h, h], h, h, seed + 3),
      w_v: xavierUniform([h, 1], h, 1, seed + 4),
    },
    layers: Array.from({ length: numLayers }, (_, l) => initGruLayer(l === 0 ? h + embedSize : h, h, seed + 5 + 6 * l)),
    W_hq: xavierUniform([h, vocabSize], h, vocabSize, seed + 5 + 6 * numLayers),
    b_q: tf.zeros([vocabSize]),
  };
}

/** d2l's init_state: the encoder's outputs batch-major [n, m, h], its last states, the source's valid lengths. */
export function attentionDecoderInitState(
  encOutputs: EncoderOutputs,
  encValidLens: tf.Tensor1D,
): AttentionDecoderState {
  return tf.tidy(() => ({
    encOutputs: encOutputs.outputs.transpose([1, 0, 2]) as tf.Tensor3D,
    H: encOutputs.state.clone(),
    encValidLens: encValidLens.clone(),
  }));
}

function checkState(params: Seq2SeqAttentionDecoderParams, X: tf.Tensor2D, state: AttentionDecoderState): void {
  const n = X.shape[0];
  const { encOutputs, H, encValidLens } = state;
  const [L, h] = [params.layers.length, params.layers[0]!.W_hh.shape[0]];
  if (encOutputs.shape[0] !== n || H.shape[1] !== n || encValidLens.shape[0] !== n)
    throw new ShapeMismatchError(
      `the state is for a batch of ${H.shape[1]} (encOutputs: ${encOutputs.shape[0]}, encValidLens: ${encValidLens.shape[0]}), but X holds ${n} sequences: mismatched batch sizes between encoder and decoder`,
    );
  if (H.shape[0] !== L || H.shape[2] !== h || encOutputs.shape[2] !== h)
    throw new ShapeMismatchError(
      `the state's H has shape [${H.shape.join(', ')}] and its encOutputs [${encOutputs.shape.join(', ')}], but the decoder has ${L} layers of ${h} units`,
    );
}

export function seq2seqAttentionDecoder(
  params: Seq2SeqAttentionDecoderParams,
  X: tf.Tensor2D,
  state: AttentionDecoderState,
  opts?: ForwardOptions,
): AttentionDecoderOutput {
  checkState(params, X, state);
  const [n, T] = X.shape;
  const { encOutputs, encValidLens } = state;
  const [, m, h] = encOutputs.shape;
  const L = params.layers.length;
  const { W_q, W_k, w_v } = params.attention;
  const a = W_q.shape[1];
  return tf.tidy(() => {
    const embs = embedding(params.embedding, X.transpose()) as tf.Tensor3D; // [T, n, e]
    const e = embs.shape[2];
    // The keys' projections, once for all steps: [n, m, a].
    const Kp = matMul(encOutputs.reshape([n * m, h]), W_k).reshape([n, m, a]);
    let H = state.H;
    const tops: tf.Tensor2D[] = [];
    const weights: tf.Tensor3D[] = [];
    for (let t = 0; t < T; t++) {
      const s = opts && opts.seed + DROPOUT_STEP_STRIDE * t;
      const query = H.slice([L - 1, 0, 0], [1, n, h]).reshape([n, h]) as tf.Tensor2D;
      const features = tf.tanh(matMul(query, W_q).reshape([n, 1, a]).add(Kp)) as tf.Tensor3D;
      const scores = matMul(features.reshape([n * m, a]) as tf.Tensor2D, w_v).reshape([n, 1, m]) as tf.Tensor3D;
      const alpha = maskedSoftmax(scores, encValidLens);
      weights.push(alpha);
      const dropped =
        opts && opts.dropout > 0 ? tf.dropout(alpha, opts.dropout, undefined, s! + ATTENTION_SEED_OFFSET + 1) : alpha;
      const context = tf.matMul(dropped as tf.Tensor3D, encOutputs).reshape([1, n, h]);
      const x = embs.slice([t, 0, 0], [1, n, e]);
      const step = gruStack(
        params.layers,
        tf.concat([context, x], 2) as tf.Tensor3D,
        H,
        opts && { dropout: opts.dropout, seed: s! },
      );
      H = step.state;
      tops.push(step.outputs.reshape([n, h]) as tf.Tensor2D);
    }
    const logits = matMul(tf.concat(tops) as tf.Tensor2D, params.W_hq).add(params.b_q);
    return {
      Y: logits.reshape([T, n, -1]).transpose([1, 0, 2]) as tf.Tensor3D,
      state: { encOutputs: encOutputs.clone(), H: H === state.H ? H.clone() : H, encValidLens: encValidLens.clone() },
      attentionWeights: (T === 0 ? tf.zeros([n, 0, m]) : tf.concat(weights, 1)) as tf.Tensor3D,
    };
  });
}

/** The attention decoder as a Decoder of the interface. */
export const seq2seqAttentionDecoderModule = {
  initState: (encOutputs: EncoderOutputs, encValidLens: tf.Tensor1D) =>
    attentionDecoderInitState(encOutputs, encValidLens),
  forward: seq2seqAttentionDecoder,
};

export type Seq2SeqAttentionParams = EncoderDecoderParams<Seq2SeqEncoderParams, Seq2SeqAttentionDecoderParams>;

/** d2l's EncoderDecoder(Seq2SeqEncoder, Seq2SeqAttentionDecoder). */
export const seq2seqAttentionModel: EncoderDecoder<
  Seq2SeqEncoderParams,
  Seq2SeqAttentionDecoderParams,
  EncoderOutputs,
  AttentionDecoderState
> = { encoder: { forward: seq2seqEncoder }, decoder: seq2seqAttentionDecoderModule };

/** Both parameter records, as train_seq2seq initialises them: the encoder with seed, the decoder with seed + 1000. */
export function initSeq2seqAttention(
  srcVocabSize: number,
  tgtVocabSize: number,
  embedSize: number,
  numHiddens: number,
  numLayers: number,
  seed: number,
): Seq2SeqAttentionParams {
  return {
    encoder: initSeq2seqEncoder(srcVocabSize, embedSize, numHiddens, numLayers, seed),
    decoder: initSeq2seqAttentionDecoder(tgtVocabSize, embedSize, numHiddens, numLayers, seed + 1000),
  };
}
