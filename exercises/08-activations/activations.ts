import * as tf from '@tensorflow/tfjs';

/** ReLU(x) = max(x, 0), element-wise: positive entries pass, the rest become 0. */
export function relu(x: tf.Tensor): tf.Tensor {
  throw new Error('Not implemented: relu (08-activations). The task is in exercises/08-activations/README.md');
}

/**
 * sigmoid(x) = 1 / (1 + exp(-x)), element-wise: squashes any input into (0, 1).
 * Written as it stands, exp(-x) overflows to Infinity for x below about -88: the value 1 / Infinity
 * = 0 is still right, but its gradient through tfjs is 0 · Infinity = NaN. Split at 0 with tf.where,
 * and give each branch only the inputs it is right for (tf.maximum(x, 0), tf.minimum(x, 0)):
 * 1 / (1 + exp(-x)) for x >= 0 and exp(x) / (1 + exp(x)) for x < 0 exponentiate only numbers <= 0.
 * (tf.where passes a zero gradient to the branch it does not pick, but 0 · Infinity is still NaN.)
 */
export function sigmoid(x: tf.Tensor): tf.Tensor {
  throw new Error('Not implemented: sigmoid (08-activations). The task is in exercises/08-activations/README.md');
}

/**
 * tanh(x) = (1 - exp(-2x)) / (1 + exp(-2x)), element-wise: squashes any input into (-1, 1).
 * Written as it stands, exp(-2x) overflows to Infinity for x below about -44 and the quotient
 * becomes Infinity / Infinity = NaN. Split at 0 as in sigmoid: the formula above for x >= 0, and
 * (exp(2x) - 1) / (exp(2x) + 1) for x < 0, each branch fed only its own inputs. (sign(x) tanh(|x|)
 * has the right values, but its gradient through tfjs at x = 0 is 0, not tanh'(0) = 1.)
 */
export function tanh(x: tf.Tensor): tf.Tensor {
  throw new Error('Not implemented: tanh (08-activations). The task is in exercises/08-activations/README.md');
}

/**
 * ReLU's derivative: 1 where x > 0, else 0. At x = 0 ReLU has no derivative; d2l takes the
 * left-hand one, 0.
 */
export function reluGrad(x: tf.Tensor): tf.Tensor {
  throw new Error('Not implemented: reluGrad (08-activations). The task is in exercises/08-activations/README.md');
}

/** sigmoid'(x) = sigmoid(x) (1 - sigmoid(x)). */
export function sigmoidGrad(x: tf.Tensor): tf.Tensor {
  throw new Error('Not implemented: sigmoidGrad (08-activations). The task is in exercises/08-activations/README.md');
}

/** tanh'(x) = 1 - tanh²(x). */
export function tanhGrad(x: tf.Tensor): tf.Tensor {
  throw new Error('Not implemented: tanhGrad (08-activations). The task is in exercises/08-activations/README.md');
}
