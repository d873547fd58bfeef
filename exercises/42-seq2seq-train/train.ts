import * as tf from '@tensorflow/tfjs';
import { clipByGlobalNorm } from 'd2l-ts/reference/18-grad-clipping';
import { type NmtData, nmtBatches } from 'd2l-ts/reference/38-nmt-batches';
import { type EncoderDecoder, encoderDecoder } from 'd2l-ts/reference/39-encoder-decoder';
import { maskedSoftmaxCELoss } from 'd2l-ts/reference/41-masked-ce';
import { HyperparameterError } from 'd2l-ts/reference/errors';
import { mapParams, paramLeaves } from 'd2l-ts/reference/params';

/**
 * Teacher forcing (强制教学): the decoder's input in training is <bos> followed by the label
 * sequence without its last token, d2l's torch.cat([bos, Y[:, :-1]], 1). Y [n, T] int32;
 * returns [n, T] int32, row i = [bos, Y[i, 0], …, Y[i, T − 2]].
 */
export function teacherForcingInput(Y: tf.Tensor2D, bos: number): tf.Tensor2D {
  throw new Error('Not implemented: teacherForcingInput (42-seq2seq-train). The task is in exercises/42-seq2seq-train/README.md');
}

export interface TrainConfig {
  /** Adam's learning rate (d2l: 0.005). */
  lr: number;
  numEpochs: number;
  batchSize: number;
  /** The gradient-clipping threshold (d2l: 1). */
  theta: number;
  /** Dropout between stacked GRU layers in training (d2l: 0.1); 0 for none. */
  dropout: number;
  seed: number;
  /** The target vocabulary's index of <bos>. */
  bos: number;
}

/**
 * d2l's train_seq2seq(net, data_iter, lr, num_epochs, tgt_vocab) for any model of the
 * encoder-decoder interface (d2l-ts/reference/39-encoder-decoder) and its parameters
 * { encoder, decoder } (initialised by the caller; leave them as they are). data holds the
 * source and target arrays with their valid lengths (d2l-ts/reference/38-nmt-batches).
 * For epoch e = 0 … numEpochs − 1, for each minibatch { X, XValidLen, Y, YValidLen } of
 * nmtBatches(data, batchSize, seed + e), the k-th step of the run (k = 0, 1, … over all epochs):
 *   decX = teacherForcingInput(Y, bos);
 *   Ŷ = encoderDecoder(model, params, X, decX, XValidLen, { dropout, seed: seed + 1000 k }).Y;
 *   l = maskedSoftmaxCELoss(Ŷ, Y, YValidLen) (d2l-ts/reference/41-masked-ce), and its sum l.sum()
 *     is what is differentiated with respect to every parameter (paramLeaves of
 *     d2l-ts/reference/params lists them; mapParams rebuilds the record around new tensors);
 *   the gradients clipped together to norm theta (clipByGlobalNorm, d2l-ts/reference/18-grad-clipping);
 *   one step of Adam, tf.train.adam(lr, 0.9, 0.999, 1e-8) (torch.optim.Adam's betas and eps).
 * An epoch's loss is d2l's: Σ over its minibatches of l.sum(), divided by the number of valid
 * target tokens Σ YValidLen; if onEpoch is given, call onEpoch(epoch, loss) once it is known
 * (scripts show progress with it). Returns the trained parameters (new tensors, the record's
 * shape) and the loss of every epoch. lr and theta must be > 0, batchSize a whole number >= 1, numEpochs a
 * whole number >= 0, 0 <= dropout < 1: otherwise a HyperparameterError naming the setting.
 */
export function trainSeq2seq<PE, PD, O, S>(
  model: EncoderDecoder<PE, PD, O, S>,
  params: { encoder: PE; decoder: PD },
  data: NmtData,
  config: TrainConfig,
  onEpoch?: (epoch: number, loss: number) => void,
): { params: { encoder: PE; decoder: PD }; losses: number[] } {
  throw new Error('Not implemented: trainSeq2seq (42-seq2seq-train). The task is in exercises/42-seq2seq-train/README.md');
}
