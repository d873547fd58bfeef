import * as tf from '@tensorflow/tfjs';

/** ReLU(x) = max(x, 0), element-wise: positive entries pass, the rest become 0. */
export function relu(x: tf.Tensor): tf.Tensor {
  throw new Error('Not implemented: relu (08-activations). The task is in exercises/08-activations/README.md');
}

/** sigmoid(x) = 1 / (1 + exp(-x)), element-wise: squashes any input into (0, 1). */
export function sigmoid(x: tf.Tensor): tf.Tensor {
  throw new Error('Not implemented: sigmoid (08-activations). The task is in exercises/08-activations/README.md');
}

/**
 * tanh(x) = (1 - exp(-2x)) / (1 + exp(-2x)), element-wise: squashes any input into (-1, 1).
 * Written as it stands, exp(-2x) overflows to Infinity for x below about -44 and the quotient
 * becomes Infinity / Infinity = NaN. tanh is odd, tanh(x) = sign(x) tanh(|x|): compute it on |x|,
 * where exp(-2|x|) lies in (0, 1].
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
