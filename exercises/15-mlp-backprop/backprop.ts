import * as tf from '@tensorflow/tfjs';
import { softmax } from 'd2l-ts/reference/05-softmax';
import { relu, reluGrad, sigmoid, sigmoidGrad } from 'd2l-ts/reference/08-activations';
import { HyperparameterError } from 'd2l-ts/reference/errors';

/**
 * The forward pass of a one-hidden-layer ReLU MLP with softmax cross-entropy, per example:
 *   Z = X W1 + b1,   H = ReLU(Z),   O = H W2 + b2,   loss_i = log Σ_k exp(O_ik) − O_{i, y_i}.
 * @param X [n, d]   @param y int32 classes [n]   @param W1 [d, h]   @param b1 [h]   @param W2 [h, q]   @param b2 [q]
 * @returns the loss of each example, [n]
 */
export function mlpLoss(
  X: tf.Tensor2D,
  y: tf.Tensor1D,
  W1: tf.Tensor2D,
  b1: tf.Tensor1D,
  W2: tf.Tensor2D,
  b2: tf.Tensor1D,
): tf.Tensor1D {
  throw new Error('Not implemented: mlpLoss (15-mlp-backprop). The task is in exercises/15-mlp-backprop/README.md');
}

export interface MlpGradients {
  dX: tf.Tensor2D;
  dW1: tf.Tensor2D;
  db1: tf.Tensor1D;
  dW2: tf.Tensor2D;
  db2: tf.Tensor1D;
}

/**
 * Backpropagation through mlpLoss, written by hand (no tf.grad): the gradients of
 * Σ_i dLoss_i · loss_i, where dLoss [n] is the gradient arriving from above, with respect to
 * X and every parameter. From the output down (d2l 5.3.3):
 *   dO = dLoss ⊙ (softmax(O) − onehot(y)),   dW2 = Hᵀ dO,   db2 = Σ_rows dO,   dH = dO W2ᵀ,
 *   dZ = dH ⊙ ReLU′(Z),   dW1 = Xᵀ dZ,   db1 = Σ_rows dZ,   dX = dZ W1ᵀ.
 */
export function mlpBackward(
  X: tf.Tensor2D,
  y: tf.Tensor1D,
  W1: tf.Tensor2D,
  b1: tf.Tensor1D,
  W2: tf.Tensor2D,
  b2: tf.Tensor1D,
  dLoss: tf.Tensor1D,
): MlpGradients {
  throw new Error('Not implemented: mlpBackward (15-mlp-backprop). The task is in exercises/15-mlp-backprop/README.md');
}

/** The activation of every layer of deepBackward's stack. */
export type DeepActivation = 'sigmoid' | 'relu' | 'identity';

/**
 * Gradients through a deep stack of bias-free layers, to see them vanish or explode (梯度消失和梯度爆炸):
 *   H_0 = X,   Z_l = H_{l−1} W_l,   H_l = φ(Z_l)   for l = 1 … L,
 * with the gradient dOut of the last layer's output H_L arriving from above. Backward, by hand:
 *   δ = dOut;  for l = L … 1:  dZ = δ ⊙ φ′(Z_l),  dW_l = H_{l−1}ᵀ dZ,  δ = dZ W_lᵀ;   dX = δ.
 * The gradient is a product of L factors W_l and φ′(Z_l): with sigmoid (φ′ ≤ 1/4) it shrinks
 * layer after layer, with large weights and no squashing it grows.
 * An activation other than 'sigmoid', 'relu' or 'identity' is a HyperparameterError naming it
 * (any other string, "constructor" included). Ws and the tensors passed in are left as they were.
 * @param X [n, m_0]   @param Ws [m_{l−1}, m_l] for l = 1 … L   @param dOut [n, m_L]
 * @returns dX [n, m_0] and dWs, the gradient of each W_l in order
 */
export function deepBackward(
  X: tf.Tensor2D,
  Ws: tf.Tensor2D[],
  activation: DeepActivation,
  dOut: tf.Tensor2D,
): { dX: tf.Tensor2D; dWs: tf.Tensor2D[] } {
  throw new Error('Not implemented: deepBackward (15-mlp-backprop). The task is in exercises/15-mlp-backprop/README.md');
}
