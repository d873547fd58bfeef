/**
 * A small BERT for chapter 9's capstone (d2l-zh 14.8 and 14.10 / d2l-en 15.8 and 15.10): d2l's
 * BERTEncoder, MaskLM and NextSentencePred, and the pretraining loss of _get_batch_loss_bert.
 *
 * The encoder blocks here are a COMPACT transformer encoder block written for this capstone
 * (chapter 8's 54-transformer is not on this branch): d2l's EncoderBlock, i.e. multi-head
 * self-attention over the keys before each sequence's valid length, then AddNorm, a position-wise
 * FFN (Linear, ReLU, Linear), AddNorm. Dropout is left out (it is the identity at evaluation, and
 * the capstone's claims, falling losses, do not need it).
 *
 *   initBert(config, seed) → BertParams (tf.Variables; bertVariables lists them for an optimizer)
 *   bertForward(params, tokenIds [n, T], segments [n, T], validLens [n], predPositions [n, P])
 *       → { encoded [n, T, h], mlmYHat [n, P, V], nspYHat [n, 2] }
 *   bertLosses(params, batch) → { mlm, nsp } scalars (d2l's _get_batch_loss_bert; the loss to
 *       minimise is their sum)
 *
 * Shapes of one forward pass, n sequences of T positions, h hidden units, H heads:
 *   X = bertEmbed(tokens, segments) [n, T, h]        (62-bert-input: token + segment + position)
 *   attention: Q, K, V = X W_q, X W_k, X W_v, split into H heads of h / H; scores Q Kᵀ / √(h / H)
 *   with the keys at positions ≥ validLens set to −1e6 before the softmax (d2l's masked_softmax);
 *   AddNorm(X, Y) = LayerNorm(X + Y) over the last axis (ε = 1e-5, learnable γ, β).
 *   MaskLM: the encodings at predPositions (ops/batch-gather), Linear(h, h), ReLU, LayerNorm,
 *   Linear(h, V). NextSentencePred: d2l's BERTModel.hidden, Linear(h, h) + Tanh on the '<cls>'
 *   encoding (position 0), then Linear(h, 2).
 *
 * The MLM loss is the weighted mean of the per-slot cross-entropies,
 *   Σ_slots CE(slot) · mlmWeights(slot) / (Σ mlmWeights + 1e-8),
 * which is what d2l's code means: its PyTorch version passes nn.CrossEntropyLoss() with the
 * default mean reduction, so its per-slot product is a scalar times the weights and the padded
 * slots count after all; here they do not. The NSP loss is the mean cross-entropy over the batch.
 *
 * Linear layers start as PyTorch's nn.Linear (uniform in ±1/√fan_in); the embeddings as 62's
 * initBertEmbedding (N(0, 1)). Every draw has a seed derived from `seed`.
 */
import * as tf from '@tensorflow/tfjs';
import { bertEmbed, initBertEmbedding } from './62-bert-input';
import type { BertTensors } from './63-bert-pretrain-data';
import { HyperparameterError } from './errors';
import { batchGather } from './ops/batch-gather';
import { matMul } from './ops/mat-mul';

export interface BertConfig {
  vocabSize: number;
  numHiddens: number;
  ffnNumHiddens: number;
  numHeads: number;
  numBlks: number;
  maxLen: number;
}

type V2 = tf.Variable<tf.Rank.R2>;
type V1 = tf.Variable<tf.Rank.R1>;

interface Linear {
  W: V2;
  b: V1;
}
interface LayerNorm {
  gamma: V1;
  beta: V1;
}
interface Block {
  q: Linear;
  k: Linear;
  v: Linear;
  o: Linear;
  norm1: LayerNorm;
  ffn1: Linear;
  ffn2: Linear;
  norm2: LayerNorm;
}

export interface BertParams {
  config: BertConfig;
  tokenEmbedding: V2;
  segmentEmbedding: V2;
  posEmbedding: V2;
  blocks: Block[];
  mlm: { dense: Linear; norm: LayerNorm; out: Linear };
  nsp: { hidden: Linear; out: Linear };
}

/** A variable that owns its initial value (tf.variable keeps a reference; the tensor itself is freed). */
function own<R extends tf.Rank>(t: tf.Tensor<R>): tf.Variable<R> {
  const v = tf.variable(t);
  t.dispose();
  return v;
}

function linear(inputs: number, outputs: number, seed: number): Linear {
  const bound = 1 / Math.sqrt(inputs);
  return {
    W: own(tf.randomUniform([inputs, outputs], -bound, bound, 'float32', seed)),
    b: own(tf.randomUniform([outputs], -bound, bound, 'float32', seed + 1)),
  };
}

const layerNorm = (h: number): LayerNorm => ({ gamma: own(tf.ones([h])), beta: own(tf.zeros([h])) });

export function initBert(config: BertConfig, seed: number): BertParams {
  const { vocabSize, numHiddens: h, ffnNumHiddens, numHeads, numBlks, maxLen } = config;
  if (h % numHeads !== 0)
    throw new HyperparameterError(`numHiddens = ${h} is not a multiple of numHeads = ${numHeads}`);
  const emb = initBertEmbedding(vocabSize, h, maxLen, seed);
  // Seeds: seed + 1 … 3 for the embeddings (62), then 2 per Linear from seed + 10.
  let s = seed + 10;
  const next = () => (s += 2);
  return {
    config,
    tokenEmbedding: own(emb.tokenEmbedding),
    segmentEmbedding: own(emb.segmentEmbedding),
    posEmbedding: own(emb.posEmbedding),
    blocks: Array.from({ length: numBlks }, () => ({
      q: linear(h, h, next()),
      k: linear(h, h, next()),
      v: linear(h, h, next()),
      o: linear(h, h, next()),
      norm1: layerNorm(h),
      ffn1: linear(h, ffnNumHiddens, next()),
      ffn2: linear(ffnNumHiddens, h, next()),
      norm2: layerNorm(h),
    })),
    mlm: { dense: linear(h, h, next()), norm: layerNorm(h), out: linear(h, vocabSize, next()) },
    nsp: { hidden: linear(h, h, next()), out: linear(h, 2, next()) },
  };
}

/** Every trainable variable, for optimizer.minimize's varList and for disposal. */
export function bertVariables(p: BertParams): tf.Variable[] {
  const lin = (l: Linear) => [l.W, l.b];
  const ln = (l: LayerNorm) => [l.gamma, l.beta];
  return [
    p.tokenEmbedding,
    p.segmentEmbedding,
    p.posEmbedding,
    ...p.blocks.flatMap((b) => [
      ...lin(b.q),
      ...lin(b.k),
      ...lin(b.v),
      ...lin(b.o),
      ...ln(b.norm1),
      ...lin(b.ffn1),
      ...lin(b.ffn2),
      ...ln(b.norm2),
    ]),
    ...lin(p.mlm.dense),
    ...ln(p.mlm.norm),
    ...lin(p.mlm.out),
    ...lin(p.nsp.hidden),
    ...lin(p.nsp.out),
  ];
}

/** x [..., in] · W + b, as one 2-D product (ops/mat-mul: a gradient without transpose flags). */
function dense(l: Linear, x: tf.Tensor): tf.Tensor {
  const shape = x.shape;
  const flat = x.reshape([-1, shape.at(-1)!]) as tf.Tensor2D;
  return matMul(flat, l.W)
    .add(l.b)
    .reshape([...shape.slice(0, -1), l.W.shape[1]]);
}

/**
 * A · B for 3-D tensors (a batch of products), with a gradient of plain products and explicit
 * transposes, as ops/mat-mul for 2-D: tfjs's own uses matMul's transpose flags, several times
 * slower on wasm (docs/facts.md).
 */
const bmm = tf.customGrad((a, b, save) => {
  const [A, B] = [a as tf.Tensor3D, b as tf.Tensor3D];
  (save as tf.GradSaveFunc)([A, B]);
  return {
    value: tf.matMul(A, B),
    gradFunc: (dy, saved) => {
      const [As, Bs] = saved as [tf.Tensor3D, tf.Tensor3D];
      const d = dy as tf.Tensor3D;
      return [tf.matMul(d, tf.transpose(Bs, [0, 2, 1])), tf.matMul(tf.transpose(As, [0, 2, 1]), d)];
    },
  };
}) as (a: tf.Tensor3D, b: tf.Tensor3D) => tf.Tensor3D;

function norm(l: LayerNorm, x: tf.Tensor): tf.Tensor {
  const { mean, variance } = tf.moments(x, -1, true);
  return x.sub(mean).div(variance.add(1e-5).sqrt()).mul(l.gamma).add(l.beta);
}

/** [n, T, h] → [n · H, T, h / H], d2l's transpose_qkv. */
function splitHeads(x: tf.Tensor, H: number): tf.Tensor3D {
  const [n, T, h] = x.shape as [number, number, number];
  return x
    .reshape([n, T, H, h / H])
    .transpose([0, 2, 1, 3])
    .reshape([n * H, T, h / H]);
}

/** [n · H, T, d] → [n, T, H · d], d2l's transpose_output. */
function joinHeads(x: tf.Tensor, n: number, H: number): tf.Tensor {
  const [, T, d] = x.shape as [number, number, number];
  return x
    .reshape([n, H, T, d])
    .transpose([0, 2, 1, 3])
    .reshape([n, T, H * d]);
}

function encoderBlock(b: Block, X: tf.Tensor, keyMask: tf.Tensor, H: number): tf.Tensor {
  const n = X.shape[0]!;
  const [Q, K, V] = [b.q, b.k, b.v].map((l) => splitHeads(dense(l, X), H)) as [tf.Tensor3D, tf.Tensor3D, tf.Tensor3D];
  const d = Q.shape[2];
  const T = Q.shape[1];
  // keyMask [n, 1, 1, T]: 0 on a valid key, −1e6 beyond the valid length (d2l's masked_softmax),
  // broadcast over heads and queries.
  const scores = bmm(Q, K.transpose([0, 2, 1]))
    .div(Math.sqrt(d))
    .reshape([n, H, T, T])
    .add(keyMask);
  const weights = tf.softmax(scores).reshape([n * H, T, T]) as tf.Tensor3D;
  const attended = joinHeads(bmm(weights, V), n, H);
  const Y = norm(b.norm1, X.add(dense(b.o, attended)));
  return norm(b.norm2, Y.add(dense(b.ffn2, dense(b.ffn1, Y).relu())));
}

export function bertForward(
  p: BertParams,
  tokenIds: tf.Tensor2D,
  segments: tf.Tensor2D,
  validLens: tf.Tensor1D,
  predPositions: tf.Tensor2D,
): { encoded: tf.Tensor3D; mlmYHat: tf.Tensor3D; nspYHat: tf.Tensor2D } {
  return tf.tidy(() => {
    const [n, T] = tokenIds.shape;
    const H = p.config.numHeads;
    let X: tf.Tensor = bertEmbed(
      { tokenEmbedding: p.tokenEmbedding, segmentEmbedding: p.segmentEmbedding, posEmbedding: p.posEmbedding },
      tokenIds,
      segments,
    );
    const valid = tf
      .range(0, T)
      .expandDims(0)
      .less(validLens.reshape([n, 1])); // [n, T]
    const keyMask = valid.cast('float32').sub(1).mul(1e6).reshape([n, 1, 1, T]); // 0 or −1e6
    for (const b of p.blocks) X = encoderBlock(b, X, keyMask, H);
    const picked = batchGather(X, predPositions);
    const mlmYHat = dense(p.mlm.out, norm(p.mlm.norm, dense(p.mlm.dense, picked).relu())) as tf.Tensor3D;
    const cls = X.slice([0, 0, 0], [n, 1, -1]).reshape([n, -1]);
    const nspYHat = dense(p.nsp.out, dense(p.nsp.hidden, cls).tanh()) as tf.Tensor2D;
    return { encoded: X as tf.Tensor3D, mlmYHat, nspYHat };
  });
}

/** Cross-entropy of each row of logits [m, C] against int32 labels [m], as a float32 [m]. */
function crossEntropy(logits: tf.Tensor2D, labels: tf.Tensor1D): tf.Tensor1D {
  const logProbs = tf.logSoftmax(logits);
  // The label's log-probability picked with a gather that has a gradient on wasm.
  return batchGather(logProbs.expandDims(2), labels.reshape([-1, 1]) as tf.Tensor2D)
    .reshape([-1])
    .neg() as tf.Tensor1D;
}

/** d2l's _get_batch_loss_bert: the MLM loss (weighted by mlmWeights) and the NSP loss, as scalars. */
export function bertLosses(p: BertParams, batch: BertTensors): { mlm: tf.Scalar; nsp: tf.Scalar } {
  return tf.tidy(() => {
    const { mlmYHat, nspYHat } = bertForward(p, batch.tokenIds, batch.segments, batch.validLens, batch.predPositions);
    const V = p.config.vocabSize;
    const perSlot = crossEntropy(mlmYHat.reshape([-1, V]) as tf.Tensor2D, batch.mlmLabels.reshape([-1]));
    const w = batch.mlmWeights.reshape([-1]);
    const mlm = perSlot.mul(w).sum().div(w.sum().add(1e-8)) as tf.Scalar;
    const nsp = crossEntropy(nspYHat, batch.nspLabels).mean() as tf.Scalar;
    return { mlm, nsp };
  });
}

/**
 * One optimisation step on mlm + nsp (d2l's train_bert minimises their sum); returns both losses
 * as numbers, measured before the step.
 */
export function bertTrainStep(
  p: BertParams,
  optimizer: tf.Optimizer,
  batch: BertTensors,
  variables: tf.Variable[] = bertVariables(p),
): { mlm: number; nsp: number } {
  let parts: { mlm: number; nsp: number } = { mlm: Number.NaN, nsp: Number.NaN };
  const total = optimizer.minimize(
    () => {
      const { mlm, nsp } = bertLosses(p, batch);
      parts = { mlm: mlm.dataSync()[0]!, nsp: nsp.dataSync()[0]! };
      return mlm.add(nsp) as tf.Scalar;
    },
    true,
    variables,
  );
  total?.dispose();
  return parts;
}

/** Both losses on a batch, without training (tensors freed). */
export function bertEvalLosses(p: BertParams, batch: BertTensors): { mlm: number; nsp: number } {
  const { mlm, nsp } = bertLosses(p, batch);
  const out = { mlm: mlm.dataSync()[0]!, nsp: nsp.dataSync()[0]! };
  tf.dispose([mlm, nsp]);
  return out;
}
