import * as tf from '@tensorflow/tfjs';

/** ReLU(x) = max(x, 0), element-wise: positive entries pass, the rest become 0. */
export function relu(x: tf.Tensor): tf.Tensor {
  // BEGIN SOLUTION
  return tf.tidy(() => tf.maximum(x, 0));
  // END SOLUTION
}

/** sigmoid(x) = 1 / (1 + exp(-x)), element-wise: squashes any input into (0, 1). */
export function sigmoid(x: tf.Tensor): tf.Tensor {
  // BEGIN SOLUTION
  return tf.tidy(() => tf.div(1, tf.add(1, tf.exp(tf.neg(x)))));
  // END SOLUTION
}

/**
 * tanh(x) = (1 - exp(-2x)) / (1 + exp(-2x)), element-wise: squashes any input into (-1, 1).
 * Written as it stands, exp(-2x) overflows to Infinity for x below about -44 and the quotient
 * becomes Infinity / Infinity = NaN. tanh is odd, tanh(x) = sign(x) tanh(|x|): compute it on |x|,
 * where exp(-2|x|) lies in (0, 1].
 */
export function tanh(x: tf.Tensor): tf.Tensor {
  // BEGIN SOLUTION
  return tf.tidy(() => {
    const e = tf.exp(tf.abs(x).mul(-2));
    return tf.sign(x).mul(tf.sub(1, e).div(tf.add(1, e)));
  });
  // END SOLUTION
}

/**
 * ReLU's derivative: 1 where x > 0, else 0. At x = 0 ReLU has no derivative; d2l takes the
 * left-hand one, 0.
 */
export function reluGrad(x: tf.Tensor): tf.Tensor {
  // BEGIN SOLUTION
  return tf.tidy(() => x.greater(0).cast('float32'));
  // END SOLUTION
}

/** sigmoid'(x) = sigmoid(x) (1 - sigmoid(x)). */
export function sigmoidGrad(x: tf.Tensor): tf.Tensor {
  // BEGIN SOLUTION
  return tf.tidy(() => {
    const s = sigmoid(x);
    return s.mul(tf.sub(1, s));
  });
  // END SOLUTION
}

/** tanh'(x) = 1 - tanh²(x). */
export function tanhGrad(x: tf.Tensor): tf.Tensor {
  // BEGIN SOLUTION
  return tf.tidy(() => tf.sub(1, tanh(x).square()));
  // END SOLUTION
}
