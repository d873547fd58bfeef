/**
 * Exercise 42's building blocks: d2l's train_seq2seq (d2l-zh 9.7.4, d2l-en 10.7.4) for any model
 * of the encoder-decoder interface (reference/39-encoder-decoder.ts), so chapter 8 trains its
 * attention decoders and the Transformer with it:
 *
 *   teacherForcingInput(Y, bos)             the decoder's input: <bos>, then Y without its last token
 *   trainSeq2seq(model, params, data, config, onEpoch?)
 *                                           { params, losses }: config.numEpochs epochs of Adam on the
 *                                           masked softmax cross-entropy, gradients clipped to norm θ
 *   TrainConfig                             lr, numEpochs, batchSize, theta, dropout, seed, bos
 *   paramLeaves(params), mapParams(params, f)
 *                                           reference/params.ts's: the tensors of a nested parameter
 *                                           record in a fixed order, and the record rebuilt
 *
 * One step, d2l's: decoder input = teacherForcingInput(Y, bos); Ŷ = encoderDecoder(model, params,
 * X, decoder input, X_valid_len, { dropout, seed: config.seed + 1000 k }) for the k-th step of the
 * run (k = 0, 1, ... over all epochs); l = maskedSoftmaxCELoss(Ŷ, Y, Y_valid_len); the gradient of
 * l.sum(); clipping of all gradients together to norm θ (d2l's grad_clipping, exercise 18); one
 * step of Adam (β 0.9, 0.999, ε 1e-8: torch.optim.Adam's, and tf.train.adam(lr, 0.9, 0.999, 1e-8)). Epoch e takes its minibatches from
 * nmtBatches(data, batchSize, config.seed + e). An epoch's loss is d2l's: the sum over its
 * minibatches of l.sum(), divided by the number of valid target tokens (Σ Y_valid_len).
 * The parameters passed in are the initial ones (d2l's net.apply(xavier_init_weights) is
 * initSeq2seq of reference/40-seq2seq-decoder.ts); they are left as they are.
 */
import * as tf from '@tensorflow/tfjs';
import { clipByGlobalNorm } from './18-grad-clipping';
import { checkPositiveInteger, type NmtData, nmtBatches } from './38-nmt-batches';
import { type EncoderDecoder, type EncoderDecoderParams, encoderDecoder } from './39-encoder-decoder';
import { maskedSoftmaxCELoss } from './41-masked-ce';
import { HyperparameterError } from './errors';
import { mapParams, paramLeaves } from './params';

export { mapParams, paramLeaves };

export interface TrainConfig {
  /** Adam's learning rate (d2l: 0.005). */
  lr: number;
  numEpochs: number;
  batchSize: number;
  /** The gradient-clipping threshold (d2l: 1). */
  theta: number;
  /** Dropout between stacked GRU layers (d2l: 0.1); 0 for none. */
  dropout: number;
  seed: number;
  /** The target vocabulary's index of <bos>. */
  bos: number;
}

/** How far apart the dropout seeds of consecutive steps are (each step's encoder and decoder use a few seeds above its own). */
export const STEP_SEED_STRIDE = 1000;

/** d2l's teacher forcing: torch.cat([bos, Y[:, :-1]], 1). */
export function teacherForcingInput(Y: tf.Tensor2D, bos: number): tf.Tensor2D {
  return tf.tidy(() => {
    const [n, T] = Y.shape;
    const shifted = tf
      .pad(Y, [
        [0, 0],
        [1, 0],
      ])
      .slice([0, 0], [n, T]);
    const first = tf.oneHot(tf.zeros([n], 'int32'), T).cast('bool');
    return tf.where(first, tf.fill([n, T], bos, 'int32'), shifted.cast('int32')) as tf.Tensor2D;
  });
}

/** The settings of a run, checked: a typed error names the first that is out of range. */
export function checkTrainConfig(c: TrainConfig): void {
  if (!(c.lr > 0 && Number.isFinite(c.lr))) throw new HyperparameterError(`lr must be > 0, got ${c.lr}`);
  if (!(Number.isInteger(c.numEpochs) && c.numEpochs >= 0))
    throw new HyperparameterError(`numEpochs must be a whole number >= 0, got ${c.numEpochs}`);
  checkPositiveInteger(c.batchSize, 'batchSize');
  if (!(c.theta > 0)) throw new HyperparameterError(`theta must be > 0, got ${c.theta}`);
  if (!(c.dropout >= 0 && c.dropout < 1)) throw new HyperparameterError(`dropout must be in [0, 1), got ${c.dropout}`);
}

/**
 * torch.optim.Adam (β 0.9, 0.999, ε 1e-8) on all parameters as one flat vector: tf.train.adam's
 * arithmetic (m and v, bias corrections by running products of β), in ten kernels per step
 * instead of ten per parameter tensor. Holds its tensors: dispose() when done.
 */
class FlatAdam {
  private m: tf.Tensor1D;
  private v: tf.Tensor1D;
  private accBeta1 = tf.keep(tf.scalar(0.9));
  private accBeta2 = tf.keep(tf.scalar(0.999));

  constructor(
    size: number,
    private readonly lr: number,
  ) {
    this.m = tf.keep(tf.zeros([size]));
    this.v = tf.keep(tf.zeros([size]));
  }

  /** The parameters after one step on gradient g. */
  step(params: tf.Tensor1D, g: tf.Tensor1D): tf.Tensor1D {
    const [m, v, next] = tf.tidy(() => {
      const m = this.m.mul(0.9).add(g.mul(0.1)) as tf.Tensor1D;
      const v = this.v.mul(0.999).add(g.square().mul(0.001)) as tf.Tensor1D;
      const mHat = m.div(tf.sub(1, this.accBeta1));
      const vHat = v.div(tf.sub(1, this.accBeta2));
      return [m, v, params.sub(mHat.div(vHat.sqrt().add(1e-8)).mul(this.lr)) as tf.Tensor1D];
    });
    const [b1, b2] = [this.accBeta1.mul(0.9), this.accBeta2.mul(0.999)];
    tf.dispose([this.m, this.v, this.accBeta1, this.accBeta2]);
    // The state outlives any tidy the step is called in.
    [this.m, this.v, this.accBeta1, this.accBeta2] = [
      tf.keep(m),
      tf.keep(v),
      tf.keep(b1 as tf.Scalar),
      tf.keep(b2 as tf.Scalar),
    ];
    return next;
  }

  dispose(): void {
    tf.dispose([this.m, this.v, this.accBeta1, this.accBeta2]);
  }
}

/**
 * d2l's train_seq2seq, as above; onEpoch(e, loss, params) after each epoch (the parameters are the
 * training's own: copy what you keep). The parameters live as one flat vector, and the gradients
 * are flattened into one before clipping (the norm of one vector) and Adam (see FlatAdam).
 */
export function trainSeq2seq<PE, PD, O, S>(
  model: EncoderDecoder<PE, PD, O, S>,
  params: EncoderDecoderParams<PE, PD>,
  data: NmtData,
  config: TrainConfig,
  onEpoch?: (epoch: number, loss: number, params: EncoderDecoderParams<PE, PD>) => void,
): { params: EncoderDecoderParams<PE, PD>; losses: number[] } {
  checkTrainConfig(config);
  const leaves = paramLeaves(params);
  const shapes = leaves.map((t) => t.shape);
  const sizes = leaves.map((t) => t.size);
  const flat = (ts: tf.Tensor[]) => tf.concat(ts.map((t) => t.reshape([-1]))) as tf.Tensor1D;
  const unflat = (v: tf.Tensor1D) => tf.split(v, sizes).map((t, i) => t.reshape(shapes[i]!));
  let theta = tf.tidy(() => flat(leaves));
  const fromFlat = (v: tf.Tensor1D): EncoderDecoderParams<PE, PD> => {
    const parts = tf.tidy(() => unflat(v));
    return mapParams(params, (_, i) => parts[i]!);
  };
  let current = fromFlat(theta);
  const adam = new FlatAdam(theta.size, config.lr);
  const losses: number[] = [];
  let k = 0;
  for (let epoch = 0; epoch < config.numEpochs; epoch++) {
    let lossSum = 0;
    let tokens = 0;
    for (const batch of nmtBatches(data, config.batchSize, config.seed + epoch)) {
      const opts = { dropout: config.dropout, seed: config.seed + STEP_SEED_STRIDE * k++ };
      const next = tf.tidy(() => {
        const decX = teacherForcingInput(batch.Y, config.bos);
        const { value, grads } = tf.valueAndGrads((...ps: tf.Tensor[]) => {
          const { Y } = encoderDecoder(
            model,
            mapParams(params, (_, i) => ps[i]!),
            batch.X,
            decX,
            batch.XValidLen,
            opts,
          );
          return maskedSoftmaxCELoss(Y, batch.Y, batch.YValidLen).sum() as tf.Scalar;
        })(paramLeaves(current));
        const [g] = clipByGlobalNorm([flat(grads)], config.theta) as [tf.Tensor1D];
        lossSum += value.dataSync()[0]!;
        tokens += batch.YValidLen.sum().dataSync()[0]!;
        return adam.step(theta, g);
      });
      tf.dispose([theta, ...paramLeaves(current), ...Object.values(batch)]);
      theta = next;
      current = fromFlat(theta);
    }
    losses.push(lossSum / tokens);
    onEpoch?.(epoch, lossSum / tokens, current);
  }
  adam.dispose();
  theta.dispose();
  return { params: current, losses };
}
