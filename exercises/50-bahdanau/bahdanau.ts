import * as tf from '@tensorflow/tfjs';
import { type EncoderOutputs, type ForwardOptions, type GruLayer, gruStack } from 'd2l-ts/reference/39-encoder-decoder';
import { type AdditiveAttentionParams, additiveAttention } from 'd2l-ts/reference/48-additive-attention';
import { ShapeMismatchError } from 'd2l-ts/reference/errors';
import { embedding } from 'd2l-ts/reference/ops/embedding';

/**
 * The parameters of d2l's Seq2SeqAttentionDecoder: the target embedding [V, e]; the additive
 * attention (d2l-ts/reference/48) with queries and keys of h features, W_q [h, a], W_k [h, a],
 * w_v [a, 1]; L GRU layers (layer 0 reads the context and a token's embedding, h + e inputs, the
 * others h); the dense output layer W_hq [h, V], b_q [V].
 */
export interface Seq2SeqAttentionDecoderParams {
  embedding: tf.Tensor2D;
  attention: AdditiveAttentionParams;
  layers: GruLayer[];
  W_hq: tf.Tensor2D;
  b_q: tf.Tensor1D;
}

/**
 * The decoder's state: the encoder's top-layer outputs batch-major [n, m, h] (the keys and values
 * of every step), the GRU's states H [L, n, h], and the source sentences' valid lengths [n].
 */
export interface AttentionDecoderState {
  encOutputs: tf.Tensor3D;
  H: tf.Tensor3D;
  encValidLens: tf.Tensor1D;
}

/**
 * d2l's init_state: from the encoder's { outputs [m, n, h] (time-major), state [L, n, h] } and the
 * source's valid lengths [n], the state { encOutputs: outputs.permute(1, 0, 2) [n, m, h],
 * H: the encoder's last states, encValidLens }. New tensors: the caller may dispose its own.
 */
export function attentionDecoderInitState(
  encOutputs: EncoderOutputs,
  encValidLens: tf.Tensor1D,
): AttentionDecoderState {
  throw new Error('Not implemented: attentionDecoderInitState (50-bahdanau). The task is in exercises/50-bahdanau/README.md');
}

/**
 * d2l's Seq2SeqAttentionDecoder.forward (Bahdanau 注意力): for target tokens X [n, T] (int32), step
 * by step t = 0 … T − 1:
 *   query   q = H[L − 1], the top layer's state BEFORE the step (the previous decoder state; at
 *           t = 0 the encoder's last state), as [n, 1, h];
 *   context c_t = additiveAttention(params.attention, q, encOutputs, encOutputs, encValidLens):
 *           keys = values = the encoder's outputs, a distribution over the valid source positions;
 *   input   concat(c_t, embedding of X[:, t]) (the context FIRST, d2l's torch.cat((context, x), -1)),
 *           one step of gruStack from H, which gives the new H;
 *   logits  O_t = H[L − 1] W_hq + b_q.
 * Returns Y [n, T, V] (batch-major), the new state (encOutputs and encValidLens carried on as new
 * tensors, H the last states) and attentionWeights [n, T, m], each step's weights (before dropout).
 * Training (opts): step t uses s_t = opts.seed + 100 t: the attention with { dropout: opts.dropout,
 * training: true, seed: s_t + 50 } and gruStack with { dropout: opts.dropout, seed: s_t }.
 * A state whose batch differs from X's throws a ShapeMismatchError naming the state.
 */
export function seq2seqAttentionDecoder(
  params: Seq2SeqAttentionDecoderParams,
  X: tf.Tensor2D,
  state: AttentionDecoderState,
  opts?: ForwardOptions,
): { Y: tf.Tensor3D; state: AttentionDecoderState; attentionWeights: tf.Tensor3D } {
  throw new Error('Not implemented: seq2seqAttentionDecoder (50-bahdanau). The task is in exercises/50-bahdanau/README.md');
}
