import * as tf from '@tensorflow/tfjs';

/** ReLU(x) = max(x, 0), element-wise: positive entries pass, the rest become 0. */
export function relu(x: tf.Tensor): tf.Tensor {
  // BEGIN SOLUTION
  return tf.tidy(() => tf.maximum(x, 0));
  // END SOLUTION
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
  // BEGIN SOLUTION
  return tf.tidy(() => {
    const pos = tf.div(1, tf.add(1, tf.exp(tf.neg(tf.maximum(x, 0)))));
    const e = tf.exp(tf.minimum(x, 0));
    return tf.where(tf.greaterEqual(x, 0), pos, tf.div(e, tf.add(1, e)));
  });
  // END SOLUTION
}

/**
 * tanh(x) = (1 - exp(-2x)) / (1 + exp(-2x)), element-wise: squashes any input into (-1, 1).
 * Written as it stands, exp(-2x) overflows to Infinity for x below about -44 and the quotient
 * becomes Infinity / Infinity = NaN. Split at 0 as in sigmoid: the formula above for x >= 0, and
 * (exp(2x) - 1) / (exp(2x) + 1) for x < 0, each branch fed only its own inputs. (sign(x) tanh(|x|)
 * has the right values, but its gradient through tfjs at x = 0 is 0, not tanh'(0) = 1.)
 */
export function tanh(x: tf.Tensor): tf.Tensor {
  // BEGIN SOLUTION
  return tf.tidy(() => {
    const ePos = tf.exp(tf.maximum(x, 0).mul(-2));
    const eNeg = tf.exp(tf.minimum(x, 0).mul(2));
    const pos = tf.sub(1, ePos).div(tf.add(1, ePos));
    const neg = tf.sub(eNeg, 1).div(tf.add(eNeg, 1));
    return tf.where(tf.greaterEqual(x, 0), pos, neg);
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
