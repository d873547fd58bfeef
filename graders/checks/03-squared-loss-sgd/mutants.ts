import type { Mutant } from '../../authoring/mutants';

export default [
  {
    name: 'no-reshape',
    why: 'subtracts y without reshaping it, so labels [n] against predictions [n, 1] broadcast to [n, n]',
    replace: [['yHat.sub(y.reshape(yHat.shape))', 'yHat.sub(y)']],
  },
  {
    name: 'no-half',
    why: 'forgets the factor 1/2 of the squared loss',
    replace: [['.square().div(2)', '.square()']],
  },
  {
    name: 'detached-loss',
    why: 'computes the loss values in JavaScript and wraps them in a new tensor, which tfjs cannot differentiate',
    replace: [
      [
        'return tf.tidy(() => yHat.sub(y.reshape(yHat.shape)).square().div(2));',
        'const v = tf.tidy(() => yHat.sub(y.reshape(yHat.shape)).square().div(2));\n  const out = tf.tensor(v.dataSync(), v.shape);\n  v.dispose();\n  return out;',
      ],
    ],
  },
  {
    name: 'sgd-no-batch-divide',
    why: 'forgets to divide the summed gradient by the batch size',
    replace: [['p.sub(grads[i]!.mul(lr / batchSize))', 'p.sub(grads[i]!.mul(lr))']],
  },
  {
    name: 'gradient-ascent',
    why: 'adds the gradient instead of subtracting it',
    replace: [['p.sub(grads[i]!.mul(lr / batchSize))', 'p.add(grads[i]!.mul(lr / batchSize))']],
  },
  {
    name: 'mean-then-divide',
    why: 'averages the loss over the batch and then divides by the batch size again in sgd',
    replace: [['squaredLoss(X.matMul(w_).add(b_), y).sum()', 'squaredLoss(X.matMul(w_).add(b_), y).mean()']],
  },
  {
    name: 'no-tidy',
    why: 'forgets tf.tidy in squaredLoss, so its intermediate tensors are never disposed',
    replace: [
      [
        'return tf.tidy(() => yHat.sub(y.reshape(yHat.shape)).square().div(2));',
        'return yHat.sub(y.reshape(yHat.shape)).square().div(2);',
      ],
    ],
  },
] satisfies Mutant[];
