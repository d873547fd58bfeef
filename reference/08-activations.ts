import * as tf from '@tensorflow/tfjs';

/** The activations by tfjs's own kernels. */
export const relu = (x: tf.Tensor): tf.Tensor => tf.relu(x);
export const sigmoid = (x: tf.Tensor): tf.Tensor => tf.sigmoid(x);
export const tanh = (x: tf.Tensor): tf.Tensor => tf.tanh(x);

/** Their derivatives by tfjs's own gradients (tf.grad with an upstream gradient of ones). */
export const reluGrad = (x: tf.Tensor): tf.Tensor => tf.grad(relu)(x);
export const sigmoidGrad = (x: tf.Tensor): tf.Tensor => tf.grad(sigmoid)(x);
export const tanhGrad = (x: tf.Tensor): tf.Tensor => tf.grad(tanh)(x);
