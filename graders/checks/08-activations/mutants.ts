import type { Mutant } from '../../authoring/mutants';

export default [
  {
    name: 'relu-abs',
    why: 'returns |x|, keeping negative entries with their sign flipped',
    replace: [['return tf.tidy(() => tf.maximum(x, 0));', 'return tf.tidy(() => tf.abs(x));']],
  },
  {
    name: 'relu-grad-1-at-0',
    why: "takes ReLU's derivative at 0 as 1 (x >= 0) instead of d2l's 0",
    replace: [["x.greater(0).cast('float32')", "x.greaterEqual(0).cast('float32')"]],
  },
  {
    name: 'sigmoid-sign-slip',
    why: 'computes 1 / (1 + exp(x)), the sigmoid of -x',
    replace: [['tf.div(1, tf.add(1, tf.exp(tf.neg(x))))', 'tf.div(1, tf.add(1, tf.exp(x)))']],
  },
  {
    name: 'naive-tanh',
    why: 'computes (1 - exp(-2x)) / (1 + exp(-2x)) directly, which is Infinity / Infinity = NaN below x = -44',
    replace: [
      [
        'const e = tf.exp(tf.abs(x).mul(-2));\n    return tf.sign(x).mul(tf.sub(1, e).div(tf.add(1, e)));',
        'const e = tf.exp(x.mul(-2));\n    return tf.sub(1, e).div(tf.add(1, e));',
      ],
    ],
  },
  {
    name: 'tanh-half',
    why: 'uses exp(-x) for exp(-2x), which is tanh(x / 2)',
    replace: [['const e = tf.exp(tf.abs(x).mul(-2));', 'const e = tf.exp(tf.abs(x).mul(-1));']],
  },
  {
    name: 'sigmoid-grad-no-one-minus',
    why: "takes sigmoid'(x) to be sigmoid(x), forgetting the factor 1 - sigmoid(x)",
    replace: [['return s.mul(tf.sub(1, s));', 'return s.clone();']],
  },
  {
    name: 'tanh-grad-not-squared',
    why: "takes tanh'(x) to be 1 - tanh(x), forgetting the square",
    replace: [['return tf.tidy(() => tf.sub(1, tanh(x).square()));', 'return tf.tidy(() => tf.sub(1, tanh(x)));']],
  },
  {
    name: 'detached-tanh',
    why: 'computes tanh in plain JavaScript and wraps the numbers in a new tensor, which cuts the gradient',
    replace: [
      [
        'return tf.sign(x).mul(tf.sub(1, e).div(tf.add(1, e)));',
        'const t = tf.sign(x).mul(tf.sub(1, e).div(tf.add(1, e)));\n    return tf.tensor(t.dataSync(), t.shape);',
      ],
    ],
  },
  {
    name: 'no-tidy',
    why: 'forgets tf.tidy in sigmoid, so the intermediate tensors are never disposed',
    replace: [
      [
        'return tf.tidy(() => tf.div(1, tf.add(1, tf.exp(tf.neg(x)))));',
        'return tf.div(1, tf.add(1, tf.exp(tf.neg(x))));',
      ],
    ],
  },
] satisfies Mutant[];
