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
  {
    name: 'expanded-square',
    why: 'computes (ŷ - y)² as ŷ² - 2ŷy + y², which cancels catastrophically when ŷ and y are large and close',
    replace: [
      [
        'return tf.tidy(() => yHat.sub(y.reshape(yHat.shape)).square().div(2));',
        'return tf.tidy(() => {\n    const t = y.reshape(yHat.shape);\n    return yHat.square().sub(yHat.mul(t).mul(2)).add(t.square()).div(2);\n  });',
      ],
    ],
  },
  {
    name: 'lr-zero-accepted',
    why: 'checks lr < 0 instead of lr <= 0, so a learning rate of 0 silently never moves',
    replace: [['if (!(lr > 0))', 'if (lr < 0)']],
  },
  {
    name: 'batch-of-one-refused',
    why: 'asks for batchSize > 1, refusing plain SGD on single examples',
    replace: [
      ['if (!Number.isInteger(batchSize) || batchSize < 1)', 'if (!Number.isInteger(batchSize) || batchSize <= 1)'],
    ],
  },
  {
    name: 'fractional-batch-accepted',
    why: 'checks only batchSize >= 1, so a batch size of 2.5 divides the gradient by 2.5',
    replace: [['if (!Number.isInteger(batchSize) || batchSize < 1)', 'if (batchSize < 1)']],
  },
  {
    name: 'plain-error',
    why: "throws a plain Error for a bad learning rate instead of the course's HyperparameterError",
    replace: [
      [
        'throw new HyperparameterError(`the learning rate lr must be > 0, got ${lr}`);',
        'throw new Error(`the learning rate lr must be > 0, got ${lr}`);',
      ],
    ],
  },
  {
    name: 'disposes-old-params',
    why: 'disposes the old parameters once the new ones are made, as if updating in place, though the caller still owns them',
    replace: [
      [
        '  return tf.tidy(() => params.map((p, i) => p.sub(grads[i]!.mul(lr / batchSize))));',
        '  const next = tf.tidy(() => params.map((p, i) => p.sub(grads[i]!.mul(lr / batchSize))));\n  tf.dispose(params);\n  return next;',
      ],
    ],
  },
  {
    name: 'zero-gradient-returns-param',
    why: 'returns a parameter itself when its gradient is all 0 (nothing to update), so the result and the input are one tensor',
    replace: [
      [
        '  return tf.tidy(() => params.map((p, i) => p.sub(grads[i]!.mul(lr / batchSize))));',
        '  return tf.tidy(() =>\n    params.map((p, i) => (grads[i]!.abs().max().dataSync()[0] === 0 ? p : p.sub(grads[i]!.mul(lr / batchSize)))),\n  );',
      ],
    ],
  },
] satisfies Mutant[];
