import type { Mutant } from '../../authoring/mutants';

const SIGMOID_BODY =
  '    const pos = tf.div(1, tf.add(1, tf.exp(tf.neg(tf.maximum(x, 0)))));\n    const e = tf.exp(tf.minimum(x, 0));\n    return tf.where(tf.greaterEqual(x, 0), pos, tf.div(e, tf.add(1, e)));\n';
const TANH_BODY =
  '    const ePos = tf.exp(tf.maximum(x, 0).mul(-2));\n    const eNeg = tf.exp(tf.minimum(x, 0).mul(2));\n    const pos = tf.sub(1, ePos).div(tf.add(1, ePos));\n    const neg = tf.sub(eNeg, 1).div(tf.add(eNeg, 1));\n    return tf.where(tf.greaterEqual(x, 0), pos, neg);\n';

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
    why: 'computes 1 / (1 + exp(x)) for x >= 0, the sigmoid of -x there',
    replace: [['tf.exp(tf.neg(tf.maximum(x, 0)))', 'tf.exp(tf.maximum(x, 0))']],
  },
  {
    name: 'naive-tanh',
    why: 'computes (1 - exp(-2x)) / (1 + exp(-2x)) directly, which is Infinity / Infinity = NaN below x = -44',
    replace: [[TANH_BODY, '    const e = tf.exp(x.mul(-2));\n    return tf.sub(1, e).div(tf.add(1, e));\n']],
  },
  {
    name: 'tanh-half',
    why: 'uses exp(-x) for exp(-2x), which is tanh(x / 2)',
    replace: [
      ['tf.exp(tf.maximum(x, 0).mul(-2))', 'tf.exp(tf.maximum(x, 0).mul(-1))'],
      ['tf.exp(tf.minimum(x, 0).mul(2))', 'tf.exp(tf.minimum(x, 0))'],
    ],
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
        '    return tf.where(tf.greaterEqual(x, 0), pos, neg);\n',
        '    const t = tf.where(tf.greaterEqual(x, 0), pos, neg);\n    return tf.tensor(t.dataSync(), t.shape);\n',
      ],
    ],
  },
  {
    name: 'no-tidy',
    why: 'forgets tf.tidy in sigmoid, so the intermediate tensors are never disposed',
    replace: [[`  return tf.tidy(() => {\n${SIGMOID_BODY}  });`, `  {\n${SIGMOID_BODY}  }`]],
  },
  {
    name: 'naive-sigmoid',
    why: 'computes 1 / (1 + exp(-x)) as it stands: the values are right (1 / Infinity = 0), but the gradient through tfjs at x = -100 is 0 · Infinity = NaN',
    replace: [[SIGMOID_BODY, '    return tf.div(1, tf.add(1, tf.exp(tf.neg(x))));\n']],
  },
  {
    name: 'sigmoid-where-unguarded',
    why: 'splits at 0 with tf.where but feeds both branches all of x: the values are right, the gradient of the branch not taken is 0 · Infinity = NaN at ±100',
    replace: [
      [
        SIGMOID_BODY,
        '    const e = tf.exp(x);\n    return tf.where(tf.greaterEqual(x, 0), tf.div(1, tf.add(1, tf.exp(tf.neg(x)))), tf.div(e, tf.add(1, e)));\n',
      ],
    ],
  },
  {
    name: 'tanh-via-sign',
    why: 'computes sign(x) tanh(|x|): the values are right, but the gradient through tfjs at x = 0 is 0 instead of 1 (sign has gradient 0, and sign(0) = 0)',
    replace: [
      [
        TANH_BODY,
        '    const e = tf.exp(tf.abs(x).mul(-2));\n    return tf.sign(x).mul(tf.sub(1, e).div(tf.add(1, e)));\n',
      ],
    ],
  },
  {
    name: 'sigmoid-grad-quotient',
    why: "takes sigmoid'(x) = exp(-x) / (1 + exp(-x))², right on [-10, 10] and Infinity / Infinity = NaN at x = -100",
    replace: [
      [
        '    const s = sigmoid(x);\n    return s.mul(tf.sub(1, s));',
        '    const e = tf.exp(tf.neg(x));\n    return e.div(tf.add(1, e).square());',
      ],
    ],
  },
  {
    name: 'tanh-grad-from-exp',
    why: "takes tanh'(x) = 4 exp(2x) / (exp(2x) + 1)², right on [-10, 10] and NaN from x = 45 on",
    replace: [
      [
        'return tf.tidy(() => tf.sub(1, tanh(x).square()));',
        'return tf.tidy(() => {\n    const e = tf.exp(x.mul(2));\n    return e.mul(4).div(e.add(1).square());\n  });',
      ],
    ],
  },
  {
    name: 'relu-returns-input',
    why: "returns x itself when no entry is negative (ReLU would not change it), so the result and the caller's tensor are one",
    replace: [
      [
        'return tf.tidy(() => tf.maximum(x, 0));',
        'return tf.tidy(() => (x.min().dataSync()[0]! >= 0 ? x : tf.maximum(x, 0)));',
      ],
    ],
  },
  {
    name: 'grad-disposes-input',
    why: 'disposes x in sigmoidGrad once sigmoid(x) is computed, as only s is needed from then on, though x belongs to the caller',
    replace: [['    const s = sigmoid(x);\n', '    const s = sigmoid(x);\n    x.dispose();\n']],
  },
] satisfies Mutant[];
