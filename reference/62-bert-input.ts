/**
 * BERT's input representation (d2l-zh 14.8.4 / d2l-en 15.8.4): the tokens and segment ids of one
 * text or a pair, and the embedding that BERT's encoder starts from,
 *   X = tokenEmbedding[tokens] + segmentEmbedding[segments] + posEmbedding[0 … T − 1].
 *
 * API for the BERT model (d2l's BERTEncoder = bertEmbed, then chapter 8's encoder blocks):
 *   getTokensAndSegments(tokensA, tokensB?) → { tokens, segments }   d2l's get_tokens_and_segments
 *   initBertEmbedding(vocabSize, numHiddens, maxLen, seed) → BertEmbeddingParams
 *       { tokenEmbedding [V, h], segmentEmbedding [2, h], posEmbedding [maxLen, h] }, all N(0, 1),
 *       drawn with tf.randomNormal seeds seed + 1, + 2, + 3 (d2l: nn.Embedding and torch.randn)
 *   bertEmbed(params, tokens [n, T] int32, segments [n, T] int32) → [n, T, h] float32, T ≤ maxLen
 *       (63-bert-pretrain-data's batches give tokenIds and segments of shape [n, maxLen]).
 * The lookups are tf.gather with a scatter gradient (ops/embedding): they train on wasm and never
 * build one-hot matrices. The position embeddings are learnable (the gradient reaches them), as in
 * BERT and d2l-en 1.0; d2l-zh and d2l-en 0.17 add pos_embedding.data, which no gradient reaches.
 */
import * as tf from '@tensorflow/tfjs';
import { HyperparameterError } from './errors';
import { embedding } from './ops/embedding';

export function getTokensAndSegments(
  tokensA: readonly string[],
  tokensB?: readonly string[],
): { tokens: string[]; segments: number[] } {
  const a = ['<cls>', ...tokensA, '<sep>'];
  const b = tokensB === undefined ? [] : [...tokensB, '<sep>'];
  return { tokens: [...a, ...b], segments: [...a.map(() => 0), ...b.map(() => 1)] };
}

export interface BertEmbeddingParams {
  tokenEmbedding: tf.Tensor2D;
  segmentEmbedding: tf.Tensor2D;
  posEmbedding: tf.Tensor2D;
}

export function initBertEmbedding(
  vocabSize: number,
  numHiddens: number,
  maxLen: number,
  seed: number,
): BertEmbeddingParams {
  return {
    tokenEmbedding: tf.randomNormal([vocabSize, numHiddens], 0, 1, 'float32', seed + 1),
    segmentEmbedding: tf.randomNormal([2, numHiddens], 0, 1, 'float32', seed + 2),
    posEmbedding: tf.randomNormal([maxLen, numHiddens], 0, 1, 'float32', seed + 3),
  };
}

export function bertEmbed(params: BertEmbeddingParams, tokens: tf.Tensor2D, segments: tf.Tensor2D): tf.Tensor3D {
  const T = tokens.shape[1];
  const [maxLen, h] = params.posEmbedding.shape;
  if (T > maxLen)
    throw new HyperparameterError(`the sequences have ${T} positions, but maxLen = ${maxLen} position embeddings`);
  return tf.tidy(
    () =>
      embedding(params.tokenEmbedding, tokens)
        .add(embedding(params.segmentEmbedding, segments))
        .add(params.posEmbedding.slice([0, 0], [T, h]).expandDims(0)) as tf.Tensor3D,
  );
}
