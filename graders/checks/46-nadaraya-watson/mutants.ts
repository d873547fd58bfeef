import type { Mutant } from '../../authoring/mutants';

export default [
  {
    name: 'sin-without-2',
    why: 'writes f(x) = sin x + x^0.8',
    replace: [
      ['return tf.tidy(() => tf.sin(x).mul(2).add(x.pow(0.8)));', 'return tf.tidy(() => tf.sin(x).add(x.pow(0.8)));'],
    ],
  },
  {
    name: 'unsorted',
    why: 'forgets to sort the training inputs',
    replace: [['  x.sort((a, b) => a - b);\n', '']],
  },
  {
    name: 'unit-interval',
    why: 'draws the inputs on [0, 1) instead of [0, 5)',
    replace: [
      ["tf.randomUniform([nTrain], 0, 1, 'float32', seed).mul(5)", "tf.randomUniform([nTrain], 0, 1, 'float32', seed)"],
    ],
  },
  {
    name: 'noise-variance-half',
    why: 'reads torch.normal(0.0, 0.5) as a variance of 0.5 (standard deviation 0.71)',
    replace: [
      [
        "tf.randomNormal([nTrain], 0, 0.5, 'float32', seed + 1)",
        "tf.randomNormal([nTrain], 0, Math.sqrt(0.5), 'float32', seed + 1)",
      ],
    ],
  },
  {
    name: 'test-points-off',
    why: 'predicts at 0.1, 0.2, ..., 5 instead of 0, 0.1, ..., 4.9',
    replace: [['const xTest = tf.range(0, 50).div(10)', 'const xTest = tf.range(1, 51).div(10)']],
  },
  {
    name: 'average-is-sum',
    why: 'sums the targets instead of averaging them',
    replace: [['yTrain.mean().reshape([1])', 'yTrain.sum().reshape([1])']],
  },
  {
    name: 'kernel-without-half',
    why: 'uses exp(−(x − x_i)²), forgetting the 1/2 of the Gaussian kernel',
    replace: [['tf.softmax(repeated.sub(keys).square().div(-2))', 'tf.softmax(repeated.sub(keys).square().neg())']],
  },
  {
    name: 'softmax-over-queries',
    why: 'normalises the Gaussian weights over the queries (axis 0) instead of the keys',
    replace: [
      [
        'tf.softmax(repeated.sub(keys).square().div(-2)) as tf.Tensor2D',
        'tf.softmax(repeated.sub(keys).square().div(-2).transpose()).transpose() as tf.Tensor2D',
      ],
    ],
  },
  {
    name: 'w-not-squared',
    why: 'multiplies the squared distance by w instead of squaring (x − x_i) w',
    replace: [
      [
        'tf.softmax(repeated.sub(keys).mul(w).square().div(-2))',
        'tf.softmax(repeated.sub(keys).square().mul(w).div(-2))',
      ],
    ],
  },
  {
    name: 'bmm-batch-ignored',
    why: 'multiplies by the first matrix of Y in every batch',
    replace: [
      [
        '  return tf.tidy(() => tf.matMul(X, Y));',
        '  return tf.tidy(() => tf.matMul(X, Y.slice([0, 0, 0], [1, -1, -1]).tile([Y.shape[0], 1, 1]) as tf.Tensor3D));',
      ],
    ],
  },
  {
    name: 'bmm-result-transposed',
    why: 'returns each product transposed, (X_i Y_i)ᵀ',
    replace: [
      [
        '  return tf.tidy(() => tf.matMul(X, Y));',
        '  return tf.tidy(() => tf.matMul(X, Y).transpose([0, 2, 1]) as tf.Tensor3D);',
      ],
    ],
  },
  {
    name: 'bmm-no-shape-check',
    why: 'does not check the shapes, so tfjs fails with its own message',
    replace: [['  if (X.shape[0] !== Y.shape[0] || X.shape[2] !== Y.shape[1])\n', '  if (false)\n']],
  },
  {
    name: 'leave-out-the-next',
    why: 'leaves out x_(i+1) instead of x_i',
    replace: [
      [
        'const rows = v.map((_, i) => v.filter((_, j) => j !== i));',
        'const rows = v.map((_, i) => v.filter((_, j) => j !== (i + 1) % v.length));',
      ],
    ],
  },
  {
    name: 'mean-loss',
    why: 'averages the squared errors (a 50 times smaller step) where d2l sums them',
    replace: [['.yHat.sub(yTrain).square().sum() as tf.Scalar;', '.yHat.sub(yTrain).square().mean() as tf.Scalar;']],
  },
  {
    name: 'keys-include-the-query',
    why: 'trains with every point as its own key (no leave-one-out)',
    replace: [
      [
        '  const keys = leaveOneOut(xTrain);\n  const values = leaveOneOut(yTrain);',
        '  const keys = xTrain.reshape([1, -1]).tile([xTrain.shape[0], 1]) as tf.Tensor2D;\n  const values = yTrain.reshape([1, -1]).tile([yTrain.shape[0], 1]) as tf.Tensor2D;',
      ],
    ],
  },
  {
    name: 'loss-after-step',
    why: 'reports the loss after the step of each epoch instead of before it',
    replace: [
      [
        '    losses.push(l);\n    w -= opts.lr * g;',
        '    w -= opts.lr * g;\n    losses.push(tf.tidy(() => loss(tf.tensor1d([w])).dataSync()[0]!));',
      ],
    ],
  },
  {
    name: 'gradient-ascent',
    why: 'adds the gradient instead of subtracting it',
    replace: [['    w -= opts.lr * g;', '    w += opts.lr * g;']],
  },
  {
    name: 'frees-training-data',
    why: 'disposes the training tensors at the end, though they belong to the caller',
    replace: [['  tf.dispose([keys, values]);', '  tf.dispose([keys, values, xTrain, yTrain]);']],
  },
  {
    name: 'no-tidy',
    why: 'computes the Gaussian pooling outside tf.tidy, leaking the intermediates',
    replace: [
      ['  return tf.tidy(() => {\n    const m = keys.shape[0];', '  return (() => {\n    const m = keys.shape[0];'],
      [
        '.reshape([-1]) as tf.Tensor1D, attentionWeights };\n  });',
        '.reshape([-1]) as tf.Tensor1D, attentionWeights };\n  })();',
      ],
    ],
  },
] satisfies Mutant[];
