import * as tf from '@tensorflow/tfjs';
import type { EncoderDecoder, ForwardOptions } from './39-encoder-decoder';
import { linearWeight } from './48-additive-attention';
import { initMultiHead, linearBias, type MultiHeadParams, multiHeadAttention } from './51-multi-head';
import { positionalEncoding } from './52-positional-encoding';
import { addNorm, type FfnParams, initLayerNorm, type LayerNormParams, positionWiseFfn } from './53-ffn-addnorm';
import { embedding } from './ops/embedding';
import { matMul } from './ops/mat-mul';

/**
 * d2l's Transformer (d2l-zh 10.7 / d2l-en 11.7, PyTorch): the encoder block BERT (chapter 9)
 * builds on, the decoder block, and the encoder-decoder of the exercise 54 capstone.
 *
 * ENCODER BLOCK (import { encoderBlock, initEncoderBlock } from 'd2l-ts/reference/54-transformer'):
 *
 *   encoderBlock(params: EncoderBlockParams, X [b, T, d], validLens, opts: TransformerOptions)
 *     -> { output [b, T, d], attentionWeights [b · numHeads, T, T] }
 *     Y = addNorm(addNorm1, X, multiHeadAttention(attention, X, X, X, validLens));
 *     output = addNorm(addNorm2, Y, positionWiseFfn(ffn, Y))
 *   EncoderBlockParams { attention: MultiHeadParams, addNorm1: LayerNormParams, ffn: FfnParams, addNorm2: LayerNormParams }
 *     (51's W_q, W_k, W_v, W_o [d, d], with optional b_q, b_k, b_v, b_o for BERT's use_bias=True;
 *     53's { gamma, beta } [d] and { W1 [d, hf], b1, W2 [hf, d], b2 })
 *   initEncoderBlock(numHiddens, ffnNumHiddens, seed, bias = false): PyTorch's default initialisation
 *     (nn.Linear U(±1/√fan_in), LayerNorm gamma 1, beta 0), each weight from its own seed
 *   validLens: null, [b] (one length per sequence: padding keys masked) or [b, T]
 *   TransformerOptions { numHeads, dropout = 0, training = false, seed = 0 }: dropout (after the
 *     attention softmax and on each sublayer output before its AddNorm) acts only in training.
 *     Dropout seeds inside a block: attention seed, addNorm1 seed + 1, addNorm2 seed + 2.
 *
 * DECODER BLOCK:
 *
 *   decoderBlock(params: DecoderBlockParams, X [b, T, d], state: BlockState, opts)
 *     -> { output [b, T, d], keyValues [b, T₀ + T, d], selfAttentionWeights, crossAttentionWeights }
 *   BlockState { encOutputs [b, m, d], encValidLens (null, [b]), keyValues: [b, T₀, d] | null }
 *     (d2l's state[0], state[1] and state[2][i]); the new cache keyValues is state.keyValues
 *     followed by X (X itself, copied, when there is none).
 *   training: self-attention over keyValues with the causal mask (query t sees keys 0..t: valid
 *   lengths 1..T per row); prediction (training false): no mask, so feed one step at a time with
 *   the cache of the steps before. Seeds: attention1 seed, addNorm1 + 1, attention2 + 2,
 *   addNorm2 + 3, addNorm3 + 4.
 *
 * ENCODER-DECODER:
 *
 *   transformerEncoder(params: TransformerEncoderParams, tokens [b, T] (int), validLens, opts)
 *     -> { output [b, T, d], attentionWeights: one [b · H, T, T] per block }
 *     X = positionalEncoding(embedding(tokens) · √d), then the blocks (block i with seed + 10 (i + 1))
 *   transformerDecoder(params: TransformerDecoderParams, tokens [b, T], state: DecoderState, opts)
 *     -> { output [b, T, vocab] (logits), keyValues: one cache per block, selfAttentionWeights[], crossAttentionWeights[] }
 *     DecoderState { encOutputs, encValidLens, keyValues: (cache | null)[] per block }; the
 *     positional encoding starts at the number of cached steps, so step-by-step prediction
 *     encodes step t as position t, as training does (d2l's code restarts at 0 every step)
 *   initDecoderState(encOutputs, encValidLens, numLayers) -> DecoderState with empty caches
 *   transformer(params: TransformerParams, encTokens, decTokens, encValidLens, opts) -> logits
 *     [b, T, vocab]: d2l's EncoderDecoder.forward (decoder seed: seed + 1000)
 *   initTransformer(config: TransformerConfig, seed): embeddings N(0, 1) (nn.Embedding), every
 *     Linear weight Xavier-uniform as d2l's train_seq2seq re-initialises them, biases U(±1/√fan_in)
 *
 * Fast paths: 51's rank-4 attention for all heads at once, 2-D products with a transpose-free
 * backward (ops/mat-mul.ts), the embedding gradient by scatterND (ops/embedding.ts).
 */
export interface TransformerOptions {
  numHeads: number;
  dropout?: number;
  training?: boolean;
  seed?: number;
}

export interface EncoderBlockParams {
  attention: MultiHeadParams;
  addNorm1: LayerNormParams;
  ffn: FfnParams;
  addNorm2: LayerNormParams;
}

export interface DecoderBlockParams {
  attention1: MultiHeadParams;
  addNorm1: LayerNormParams;
  attention2: MultiHeadParams;
  addNorm2: LayerNormParams;
  ffn: FfnParams;
  addNorm3: LayerNormParams;
}

export interface BlockState {
  encOutputs: tf.Tensor3D;
  encValidLens: tf.Tensor | null;
  keyValues: tf.Tensor3D | null;
}

export interface DecoderState {
  encOutputs: tf.Tensor3D;
  encValidLens: tf.Tensor | null;
  keyValues: (tf.Tensor3D | null)[];
}

export interface TransformerEncoderParams {
  embedding: tf.Tensor2D;
  blocks: EncoderBlockParams[];
}

export interface TransformerDecoderParams {
  embedding: tf.Tensor2D;
  blocks: DecoderBlockParams[];
  dense: { W: tf.Tensor2D; b: tf.Tensor1D };
}

export interface TransformerParams {
  encoder: TransformerEncoderParams;
  decoder: TransformerDecoderParams;
}

export interface TransformerConfig {
  srcVocabSize: number;
  tgtVocabSize: number;
  numHiddens: number;
  ffnNumHiddens: number;
  numLayers: number;
  /** BERT's use_bias=True on the attention projections; d2l's Transformer has none. */
  bias?: boolean;
}

const sub = (opts: TransformerOptions, k: number) => ({ ...opts, seed: (opts.seed ?? 0) + k });

/** A Linear layer's weight [fanIn, fanOut], Xavier-uniform U(±√(6 / (fanIn + fanOut))). */
function xavier(fanIn: number, fanOut: number, seed: number): tf.Tensor2D {
  const bound = Math.sqrt(6 / (fanIn + fanOut));
  return tf.randomUniform([fanIn, fanOut], -bound, bound, 'float32', seed);
}

function initFfnWith(weight: typeof xavier, d: number, hf: number, seed: number): FfnParams {
  return {
    W1: weight(d, hf, seed + 1),
    b1: linearBias(d, hf, seed + 2),
    W2: weight(hf, d, seed + 3),
    b2: linearBias(hf, d, seed + 4),
  };
}

function initAttentionWith(weight: typeof xavier, d: number, seed: number, bias: boolean): MultiHeadParams {
  const p = initMultiHead(d, d, d, d, seed, bias);
  if (weight === linearWeight) return p;
  tf.dispose([p.W_q, p.W_k, p.W_v, p.W_o]);
  return {
    ...p,
    W_q: weight(d, d, seed + 1),
    W_k: weight(d, d, seed + 2),
    W_v: weight(d, d, seed + 3),
    W_o: weight(d, d, seed + 4),
  };
}

function encoderBlockWith(
  weight: typeof xavier,
  d: number,
  hf: number,
  seed: number,
  bias: boolean,
): EncoderBlockParams {
  return {
    attention: initAttentionWith(weight, d, seed, bias),
    addNorm1: initLayerNorm(d),
    ffn: initFfnWith(weight, d, hf, seed + 10),
    addNorm2: initLayerNorm(d),
  };
}

export function initEncoderBlock(
  numHiddens: number,
  ffnNumHiddens: number,
  seed: number,
  bias = false,
): EncoderBlockParams {
  return encoderBlockWith(linearWeight, numHiddens, ffnNumHiddens, seed, bias);
}

export function initDecoderBlock(
  numHiddens: number,
  ffnNumHiddens: number,
  seed: number,
  bias = false,
): DecoderBlockParams {
  return {
    attention1: initMultiHead(numHiddens, numHiddens, numHiddens, numHiddens, seed, bias),
    addNorm1: initLayerNorm(numHiddens),
    attention2: initMultiHead(numHiddens, numHiddens, numHiddens, numHiddens, seed + 10, bias),
    addNorm2: initLayerNorm(numHiddens),
    ffn: initFfnWith(linearWeight, numHiddens, ffnNumHiddens, seed + 20),
    addNorm3: initLayerNorm(numHiddens),
  };
}

export function initTransformer(config: TransformerConfig, seed: number): TransformerParams {
  const { srcVocabSize, tgtVocabSize, numHiddens: d, ffnNumHiddens: hf, numLayers } = config;
  const bias = config.bias ?? false;
  const blockSeed = (i: number) => seed + 100 * (i + 1);
  return {
    encoder: {
      embedding: tf.randomNormal([srcVocabSize, d], 0, 1, 'float32', seed + 1),
      blocks: Array.from({ length: numLayers }, (_, i) => encoderBlockWith(xavier, d, hf, blockSeed(i), bias)),
    },
    decoder: {
      embedding: tf.randomNormal([tgtVocabSize, d], 0, 1, 'float32', seed + 2),
      blocks: Array.from({ length: numLayers }, (_, i) => {
        const s = blockSeed(numLayers + i);
        return {
          attention1: initAttentionWith(xavier, d, s, bias),
          addNorm1: initLayerNorm(d),
          attention2: initAttentionWith(xavier, d, s + 10, bias),
          addNorm2: initLayerNorm(d),
          ffn: initFfnWith(xavier, d, hf, s + 20),
          addNorm3: initLayerNorm(d),
        };
      }),
      dense: { W: xavier(d, tgtVocabSize, seed + 3), b: linearBias(d, tgtVocabSize, seed + 4) },
    },
  };
}

export function encoderBlock(
  params: EncoderBlockParams,
  X: tf.Tensor3D,
  validLens: tf.Tensor | null,
  opts: TransformerOptions,
): { output: tf.Tensor3D; attentionWeights: tf.Tensor3D } {
  return tf.tidy(() => {
    const att = multiHeadAttention(params.attention, X, X, X, validLens, opts.numHeads, sub(opts, 0));
    const Y = addNorm(params.addNorm1, X, att.output, sub(opts, 1));
    const output = addNorm(params.addNorm2, Y, positionWiseFfn(params.ffn, Y), sub(opts, 2));
    return { output, attentionWeights: att.attentionWeights };
  });
}

/** d2l's dec_valid_lens in training: row t of every example sees keys 0..t, [b, T] = 1..T. */
function causalLens(b: number, T: number): tf.Tensor2D {
  return tf
    .range(1, T + 1, 1, 'int32')
    .reshape([1, T])
    .tile([b, 1]) as tf.Tensor2D;
}

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
  return tf.tidy(() => {
    const keyValues = state.keyValues ? (tf.concat([state.keyValues, X], 1) as tf.Tensor3D) : X.clone();
    const [b, T] = X.shape;
    const selfLens = opts.training ? causalLens(b, T) : null;
    const self = multiHeadAttention(params.attention1, X, keyValues, keyValues, selfLens, opts.numHeads, sub(opts, 0));
    const Y = addNorm(params.addNorm1, X, self.output, sub(opts, 1));
    const cross = multiHeadAttention(
      params.attention2,
      Y,
      state.encOutputs,
      state.encOutputs,
      state.encValidLens,
      opts.numHeads,
      sub(opts, 2),
    );
    const Z = addNorm(params.addNorm2, Y, cross.output, sub(opts, 3));
    return {
      output: addNorm(params.addNorm3, Z, positionWiseFfn(params.ffn, Z), sub(opts, 4)),
      keyValues,
      selfAttentionWeights: self.attentionWeights,
      crossAttentionWeights: cross.attentionWeights,
    };
  });
}

/** embedding(tokens) · √d plus the positional encoding of positions offset.., with its dropout. */
function embed(W: tf.Tensor2D, tokens: tf.Tensor, opts: TransformerOptions, offset: number): tf.Tensor3D {
  const d = W.shape[1];
  const X = embedding(W, tokens).mul(Math.sqrt(d)) as tf.Tensor3D;
  return positionalEncoding(X, { dropout: opts.dropout, training: opts.training, seed: opts.seed, offset });
}

export function transformerEncoder(
  params: TransformerEncoderParams,
  tokens: tf.Tensor2D,
  validLens: tf.Tensor | null,
  opts: TransformerOptions,
): { output: tf.Tensor3D; attentionWeights: tf.Tensor3D[] } {
  return tf.tidy(() => {
    let X = embed(params.embedding, tokens, opts, 0);
    const attentionWeights = params.blocks.map((block, i) => {
      const out = encoderBlock(block, X, validLens, sub(opts, 10 * (i + 1)));
      X = out.output;
      return out.attentionWeights;
    });
    return { output: X, attentionWeights };
  });
}

export function initDecoderState(
  encOutputs: tf.Tensor3D,
  encValidLens: tf.Tensor | null,
  numLayers: number,
): DecoderState {
  return { encOutputs, encValidLens, keyValues: new Array<null>(numLayers).fill(null) };
}

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
  return tf.tidy(() => {
    let X = embed(params.embedding, tokens, opts, state.keyValues[0]?.shape[1] ?? 0);
    const keyValues: tf.Tensor3D[] = [];
    const selfAttentionWeights: tf.Tensor3D[] = [];
    const crossAttentionWeights: tf.Tensor3D[] = [];
    params.blocks.forEach((block, i) => {
      const out = decoderBlock(
        block,
        X,
        { encOutputs: state.encOutputs, encValidLens: state.encValidLens, keyValues: state.keyValues[i] ?? null },
        sub(opts, 10 * (i + 1)),
      );
      X = out.output;
      keyValues.push(out.keyValues);
      selfAttentionWeights.push(out.selfAttentionWeights);
      crossAttentionWeights.push(out.crossAttentionWeights);
    });
    const [b, T, d] = X.shape;
    const logits = matMul(X.reshape([b * T, d]), params.dense.W).add(params.dense.b);
    return {
      output: logits.reshape([b, T, params.dense.W.shape[1]]) as tf.Tensor3D,
      keyValues,
      selfAttentionWeights,
      crossAttentionWeights,
    };
  });
}

export function transformer(
  params: TransformerParams,
  encTokens: tf.Tensor2D,
  decTokens: tf.Tensor2D,
  encValidLens: tf.Tensor | null,
  opts: TransformerOptions,
): tf.Tensor3D {
  return tf.tidy(() => {
    const enc = transformerEncoder(params.encoder, encTokens, encValidLens, opts);
    const state = initDecoderState(enc.output, encValidLens, params.decoder.blocks.length);
    return transformerDecoder(params.decoder, decTokens, state, sub(opts, 1000)).output;
  });
}

/** The encoder's and decoder's functions an adapter runs (the reference's, or an exercise's). */
export interface TransformerFunctions {
  transformerEncoder: typeof transformerEncoder;
  transformerDecoder: typeof transformerDecoder;
}

/**
 * The Transformer behind chapter 7's encoder-decoder interface (reference/39-encoder-decoder.ts),
 * so reference/42's trainSeq2seq and 43's greedy decoding run it as d2l's train_seq2seq and
 * predict_seq2seq do. The interface's opts (training) become { numHeads, dropout, training: true,
 * seed }; without them, evaluation (training false: the decoder reads one token at a time, its
 * caches carried in the state). The state owns its tensors (copies of the encoder's outputs and
 * valid lengths, the new caches), as greedy decoding disposes each state it replaces.
 */
export function transformerSeq2seq(
  numHeads: number,
  numLayers: number,
  fns: TransformerFunctions = { transformerEncoder, transformerDecoder },
): EncoderDecoder<TransformerEncoderParams, TransformerDecoderParams, tf.Tensor3D, DecoderState> {
  const options = (opts?: ForwardOptions): TransformerOptions =>
    opts ? { numHeads, dropout: opts.dropout, training: true, seed: opts.seed } : { numHeads };
  return {
    encoder: {
      forward: (params, X, validLen, opts) =>
        tf.tidy(() => fns.transformerEncoder(params, X, validLen, options(opts)).output.clone()),
    },
    decoder: {
      initState: (encOutputs, validLen) => ({
        encOutputs: encOutputs.clone(),
        encValidLens: validLen.clone(),
        keyValues: new Array<null>(numLayers).fill(null),
      }),
      forward: (params, X, state, opts) =>
        tf.tidy(() => {
          const out = fns.transformerDecoder(params, X, state, options(opts));
          return {
            Y: out.output.clone(),
            state: {
              encOutputs: state.encOutputs.clone(),
              encValidLens: state.encValidLens === null ? null : state.encValidLens.clone(),
              keyValues: out.keyValues.map((t) => t.clone()),
            },
          } as { Y: tf.Tensor3D; state: DecoderState } & tf.TensorContainerObject;
        }),
    },
  };
}
