import * as tf from '@tensorflow/tfjs';
import { mlpForward } from './09-mlp-forward';
import { HyperparameterError } from './errors';

/** Per-example softmax cross-entropy of the ReLU MLP, by tf.losses.softmaxCrossEntropy (no reduction). */
export function mlpLoss(
  X: tf.Tensor2D,
  y: tf.Tensor1D,
  W1: tf.Tensor2D,
  b1: tf.Tensor1D,
  W2: tf.Tensor2D,
  b2: tf.Tensor1D,
): tf.Tensor1D {
  return tf.tidy(() => {
    const O = mlpForward({ W1, b1, W2, b2 }, X);
    return tf.losses.softmaxCrossEntropy(
      tf.oneHot(tf.cast(y, 'int32'), O.shape[1]),
      O,
      undefined,
      0,
      tf.Reduction.NONE,
    ) as tf.Tensor1D;
  });
}

const ACTIVATION = { sigmoid: tf.sigmoid, relu: tf.relu, identity: (z: tf.Tensor) => z };

/** The output H_L of the stack H_l = φ(H_{l−1} W_l), H_0 = X, by tfjs's own activations. */
export function deepForward(X: tf.Tensor2D, Ws: tf.Tensor2D[], activation: keyof typeof ACTIVATION): tf.Tensor2D {
  const phi = ACTIVATION[activation];
  if (phi === undefined) throw new HyperparameterError(`unknown activation "${activation}"`);
  return tf.tidy(() => Ws.reduce<tf.Tensor2D>((H, W) => phi(tf.matMul(H, W)) as tf.Tensor2D, X));
}
