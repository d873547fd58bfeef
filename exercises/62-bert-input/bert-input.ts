import * as tf from '@tensorflow/tfjs';
import { HyperparameterError } from 'd2l-ts/reference/errors';

/**
 * d2l's get_tokens_and_segments (输入表示): the BERT input sequence of one text, '<cls>' A '<sep>',
 * or of a pair of texts, '<cls>' A '<sep>' B '<sep>', with its segment ids: 0 for '<cls>', A and
 * the first '<sep>' (segment A), 1 for B and the last '<sep>' (segment B). Returns new lists.
 */
export function getTokensAndSegments(tokensA: string[], tokensB?: string[]): { tokens: string[]; segments: number[] } {
  throw new Error('Not implemented: getTokensAndSegments (62-bert-input). The task is in exercises/62-bert-input/README.md');
}

/**
 * The three embedding tables of BERT's input (d2l's BERTEncoder): token embeddings [vocabSize, h],
 * segment embeddings [2, h] (e_A, e_B) and the LEARNABLE position embeddings [maxLen, h] (the
 * original Transformer's positions are fixed sinusoids; BERT learns them).
 */
export interface BertEmbeddingParams {
  tokenEmbedding: tf.Tensor2D;
  segmentEmbedding: tf.Tensor2D;
  posEmbedding: tf.Tensor2D;
}

/**
 * d2l's initial values: every entry N(0, 1) (nn.Embedding's default and torch.randn), the three
 * tables drawn by tf.randomNormal with seeds seed + 1, seed + 2 and seed + 3 in that order
 * (tf.randomNormal takes a seed of 0 as no seed at all).
 */
export function initBertEmbedding(
  vocabSize: number,
  numHiddens: number,
  maxLen: number,
  seed: number,
): BertEmbeddingParams {
  throw new Error('Not implemented: initBertEmbedding (62-bert-input). The task is in exercises/62-bert-input/README.md');
}

/**
 * The embedding of BERT input sequences: for token ids `tokens` [n, T] and segment ids `segments`
 * [n, T] (int32, 0 or 1), the sum
 *   X[b, t] = tokenEmbedding[tokens[b, t]] + segmentEmbedding[segments[b, t]] + posEmbedding[t],
 * [n, T, h]. The position embeddings are learnable: the gradient reaches them (d2l-zh and d2l-en
 * 0.17 add pos_embedding.data, which cuts it; d2l-en 1.0 trains them). Look rows up without
 * tf.gather (no gradient on wasm, docs/facts.md). T longer than the posEmbedding's maxLen rows
 * throws a HyperparameterError naming maxLen.
 */
export function bertEmbed(params: BertEmbeddingParams, tokens: tf.Tensor2D, segments: tf.Tensor2D): tf.Tensor3D {
  throw new Error('Not implemented: bertEmbed (62-bert-input). The task is in exercises/62-bert-input/README.md');
}
