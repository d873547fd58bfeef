import * as tf from '@tensorflow/tfjs';
import { type MultiHeadParams, multiHeadAttention } from 'd2l-ts/reference/51-multi-head';
import { positionalEncoding } from 'd2l-ts/reference/52-positional-encoding';
import { addNorm, type FfnParams, type LayerNormParams, positionWiseFfn } from 'd2l-ts/reference/53-ffn-addnorm';
import { embedding } from 'd2l-ts/reference/ops/embedding';

/**
 * How a Transformer runs: its number of heads, and dropout (on the attention weights, on each
 * sublayer's output before its AddNorm, and after the positional encoding) with probability
 * `dropout`, only when `training`, seeded from `seed` (any seeds you like for the different
 * dropout layers, as long as the same seed gives the same output).
 */
export interface TransformerOptions {
  numHeads: number;
  dropout?: number;
  training?: boolean;
  seed?: number;
}

/** d2l's EncoderBlock: multi-head self-attention (51), AddNorm, the position-wise FFN, AddNorm (53). */
export interface EncoderBlockParams {
  attention: MultiHeadParams;
  addNorm1: LayerNormParams;
  ffn: FfnParams;
  addNorm2: LayerNormParams;
}

/** d2l's DecoderBlock: masked self-attention, AddNorm, encoder-decoder attention, AddNorm, FFN, AddNorm. */
export interface DecoderBlockParams {
  attention1: MultiHeadParams;
  addNorm1: LayerNormParams;
  attention2: MultiHeadParams;
  addNorm2: LayerNormParams;
  ffn: FfnParams;
  addNorm3: LayerNormParams;
}

/**
 * What one decoder block reads besides its input (d2l's state[0], state[1] and state[2][i]):
 * the encoder's outputs [b, m, d] and valid lengths (null or [b]), and the block's cache, the
 * inputs of the steps already predicted [b, T₀, d] (null before the first).
 */
export interface BlockState {
  encOutputs: tf.Tensor3D;
  encValidLens: tf.Tensor1D | null;
  keyValues: tf.Tensor3D | null;
}

/** The decoder's state: the encoder's outputs and valid lengths, and one cache per block. */
export interface DecoderState {
  encOutputs: tf.Tensor3D;
  encValidLens: tf.Tensor1D | null;
  keyValues: (tf.Tensor3D | null)[];
}

export interface TransformerEncoderParams {
  /** nn.Embedding's table [vocabSize, d]. */
  embedding: tf.Tensor2D;
  blocks: EncoderBlockParams[];
}

export interface TransformerDecoderParams {
  embedding: tf.Tensor2D;
  blocks: DecoderBlockParams[];
  /** The output layer, nn.Linear(d, vocabSize): W [d, vocabSize], b [vocabSize]. */
  dense: { W: tf.Tensor2D; b: tf.Tensor1D };
}

export interface TransformerParams {
  encoder: TransformerEncoderParams;
  decoder: TransformerDecoderParams;
}

/**
 * d2l's EncoderBlock (Transformer 编码器块) on X [b, T, d]:
 *   Y      = AddNorm1(X, MultiHeadAttention(X, X, X, validLens))     self-attention, padding masked
 *   output = AddNorm2(Y, FFN(Y))
 * with 51's multiHeadAttention and 53's addNorm and positionWiseFfn. validLens: null or [b].
 * Returns the output [b, T, d] and the self-attention weights [b · numHeads, T, T] (for heatmaps).
 */
export function encoderBlock(
  params: EncoderBlockParams,
  X: tf.Tensor3D,
  validLens: tf.Tensor1D | null,
  opts: TransformerOptions,
): { output: tf.Tensor3D; attentionWeights: tf.Tensor3D } {
  throw new Error('Not implemented: encoderBlock (54-transformer). The task is in exercises/54-transformer/README.md');
}

/**
 * d2l's DecoderBlock on X [b, T, d] with its state:
 *   keyValues = state.keyValues followed by X along the steps (X alone, copied, when there is none)
 *   X2 = MultiHeadAttention(X, keyValues, keyValues, decValidLens)    masked self-attention
 *   Y  = AddNorm1(X, X2)
 *   Y2 = MultiHeadAttention(Y, encOutputs, encOutputs, encValidLens)   encoder-decoder attention
 *   Z  = AddNorm2(Y, Y2)
 *   output = AddNorm3(Z, FFN(Z))
 * In training the whole target sequence comes at once (teacher forcing), and query t may only
 * see keys 0..t: decValidLens is [b, T] with row t of every example holding t + 1 (d2l's
 * torch.arange(1, T + 1).repeat(b, 1)), the causal mask. In prediction (training false) X is the
 * next step and keyValues holds it with the steps before it: decValidLens is null.
 * Returns the output, the new cache keyValues (the caller's next state.keyValues: a new tensor,
 * never X itself), and the weights of both attentions ([b · H, T, T₀ + T] and [b · H, T, m]).
 */
export function decoderBlock(
  params: DecoderBlockParams,
  X: tf.Tensor3D,
  state: BlockState,
  opts: TransformerOptions,
): {
  output: tf.Tensor3D;
  keyValues: tf.Tensor3D;
  selfAttentionWeights: tf.Tensor3D;
  crossAttentionWeights: tf.Tensor3D;
} {
  throw new Error('Not implemented: decoderBlock (54-transformer). The task is in exercises/54-transformer/README.md');
}

/**
 * d2l's TransformerEncoder: tokens [b, T] (integers) are embedded (embedding from
 * d2l-ts/reference/ops/embedding: rows of params.embedding), multiplied by √d (the embeddings
 * are N(0, 1) while the positional encoding lies in [−1, 1]), given the positional encoding
 * (52, with its dropout), then go through the encoder blocks in order.
 * Returns the last block's output [b, T, d] and each block's attention weights.
 */
export function transformerEncoder(
  params: TransformerEncoderParams,
  tokens: tf.Tensor2D,
  validLens: tf.Tensor1D | null,
  opts: TransformerOptions,
): { output: tf.Tensor3D; attentionWeights: tf.Tensor3D[] } {
  throw new Error('Not implemented: transformerEncoder (54-transformer). The task is in exercises/54-transformer/README.md');
}

/**
 * d2l's TransformerDecoder: tokens [b, T] embedded, scaled by √d and position-encoded as in the
 * encoder, through the decoder blocks (block i reads state.keyValues[i]), then the output layer
 * dense: logits [b, T, vocabSize]. The positions start at the number of steps already cached
 * (state.keyValues[0]'s length, 0 when empty), so that, predicting one token at a time, step t is
 * encoded as position t as in training (d2l's code adds position 0 at every prediction step).
 * Returns the logits, every block's new cache, and the weights of both attentions per block.
 */
export function transformerDecoder(
  params: TransformerDecoderParams,
  tokens: tf.Tensor2D,
  state: DecoderState,
  opts: TransformerOptions,
): {
  output: tf.Tensor3D;
  keyValues: tf.Tensor3D[];
  selfAttentionWeights: tf.Tensor3D[];
  crossAttentionWeights: tf.Tensor3D[];
} {
  throw new Error('Not implemented: transformerDecoder (54-transformer). The task is in exercises/54-transformer/README.md');
}

/**
 * d2l's EncoderDecoder.forward for the Transformer: encode encTokens [b, m] with encValidLens
 * ([b]), start the decoder from the encoder's outputs and valid lengths with empty caches
 * (d2l's init_state), and decode decTokens [b, T] (in training: the whole target sequence, with
 * the causal mask). Returns the logits [b, T, vocabSize].
 */
export function transformer(
  params: TransformerParams,
  encTokens: tf.Tensor2D,
  decTokens: tf.Tensor2D,
  encValidLens: tf.Tensor1D | null,
  opts: TransformerOptions,
): tf.Tensor3D {
  throw new Error('Not implemented: transformer (54-transformer). The task is in exercises/54-transformer/README.md');
}
