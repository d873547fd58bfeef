import type { Mutant } from '../../authoring/mutants';

export default [
  {
    name: 'no-minus',
    why: 'forgets the minus sign, so the loss is log ŷ, negative',
    replace: [['.sum(1).log().neg() as tf.Tensor1D', '.sum(1).log() as tf.Tensor1D']],
  },
  {
    name: 'gather-columns',
    why: 'picks with tf.gather(yHat, y, 1), which takes whole columns (an [n, n] matrix) rather than one entry per row',
    replace: [['yHat.mul(tf.oneHot(y, yHat.shape[1])).sum(1).log().neg()', 'tf.gather(yHat, y, 1).log().neg()']],
  },
  {
    name: 'batch-mean',
    why: 'returns the mean loss of the batch instead of one loss per example',
    replace: [['.sum(1).log().neg() as tf.Tensor1D', '.sum(1).log().neg().mean() as tf.Tensor1D']],
  },
  {
    name: 'log-of-softmax',
    why: 'computes softmax and then its log, which is log(0) = -Infinity for logits far below the maximum',
    replace: [
      [
        '    const logSumExp = logits\n      .sub(m)\n      .exp()\n      .sum(1)\n      .log()\n      .add(m.squeeze([1]));\n    const picked = logits.mul(tf.oneHot(y, logits.shape[1])).sum(1);\n    return logSumExp.sub(picked) as tf.Tensor1D;\n',
        '    const e = logits.sub(m).exp();\n    const p = e.div(e.sum(1, true));\n    return p.mul(tf.oneHot(y, logits.shape[1])).sum(1).log().neg() as tf.Tensor1D;\n',
      ],
    ],
  },
  {
    name: 'no-max-shift',
    why: 'computes log Σ exp(o) directly, which overflows to Infinity at 1e4',
    replace: [
      [
        '    const logSumExp = logits\n      .sub(m)\n      .exp()\n      .sum(1)\n      .log()\n      .add(m.squeeze([1]));\n',
        '    const logSumExp = logits.exp().sum(1).log();\n',
      ],
    ],
  },
  {
    name: 'plus-picked',
    why: 'adds the true class logit instead of subtracting it',
    replace: [['return logSumExp.sub(picked) as tf.Tensor1D;', 'return logSumExp.add(picked) as tf.Tensor1D;']],
  },
  {
    name: 'detached-fused',
    why: 'computes the fused loss in JavaScript and wraps the numbers in a new tensor, cutting the gradient',
    replace: [
      ['return logSumExp.sub(picked) as tf.Tensor1D;', 'return tf.tensor1d(logSumExp.sub(picked).dataSync());'],
    ],
  },
  {
    name: 'detached-picked',
    why: 'reads the picked probabilities into JavaScript before taking the log, cutting the gradient',
    replace: [
      [
        'yHat.mul(tf.oneHot(y, yHat.shape[1])).sum(1).log().neg() as tf.Tensor1D',
        'tf.tensor1d(yHat.mul(tf.oneHot(y, yHat.shape[1])).sum(1).dataSync()).log().neg() as tf.Tensor1D',
      ],
    ],
  },
  {
    name: 'no-tidy',
    why: 'forgets tf.tidy in crossEntropy, so the one-hot and product tensors are never disposed',
    replace: [
      [
        'return tf.tidy(() => yHat.mul(tf.oneHot(y, yHat.shape[1])).sum(1).log().neg() as tf.Tensor1D);',
        'return yHat.mul(tf.oneHot(y, yHat.shape[1])).sum(1).log().neg() as tf.Tensor1D;',
      ],
    ],
  },
  {
    name: 'mean-shift',
    why: "takes out each row's mean instead of its maximum: right when a row is shifted as a whole, exp(1e4) = Infinity when a row mixes -1e4 and 1e4",
    replace: [['const m = logits.max(1, true);', 'const m = logits.mean(1, true);']],
  },
  {
    name: 'clipped-probabilities',
    why: 'clips the probabilities to [1e-7, 1] before the log (as Keras does), so a true class of probability 1e-30 costs 16.1 instead of 69.1',
    replace: [
      [
        'yHat.mul(tf.oneHot(y, yHat.shape[1])).sum(1).log().neg()',
        'yHat.mul(tf.oneHot(y, yHat.shape[1])).sum(1).clipByValue(1e-7, 1).log().neg()',
      ],
    ],
  },
  {
    name: 'no-label-check',
    why: 'never checks the labels of softmaxCrossEntropy, so a label of q gets a row of zeros from tf.oneHot and a loss of log Σ exp(o)',
    replace: [
      [
        '  const q = logits.shape[1];\n  const outside = Array.from(y.dataSync()).find((c) => !(c >= 0 && c < q));\n  if (outside !== undefined) throw new IndexOutOfRangeError(`label ${outside} is not a class in [0, ${q})`);\n',
        '',
      ],
    ],
  },
  {
    name: 'negative-label-accepted',
    why: 'checks only that a label is below q, so -1 passes (Python would even index the last class with it)',
    replace: [
      [
        '  const q = yHat.shape[1];\n  const outside = Array.from(y.dataSync()).find((c) => !(c >= 0 && c < q));',
        '  const q = yHat.shape[1];\n  const outside = Array.from(y.dataSync()).find((c) => c >= q);',
      ],
    ],
  },
  {
    name: 'label-q-accepted',
    why: 'checks c <= q instead of c < q, an off-by-one that lets the label q through',
    replace: [
      [
        '  const q = yHat.shape[1];\n  const outside = Array.from(y.dataSync()).find((c) => !(c >= 0 && c < q));',
        '  const q = yHat.shape[1];\n  const outside = Array.from(y.dataSync()).find((c) => !(c >= 0 && c <= q));',
      ],
    ],
  },
  {
    name: 'last-label-refused',
    why: 'checks c < q - 1, refusing the last class',
    replace: [
      [
        '  const q = logits.shape[1];\n  const outside = Array.from(y.dataSync()).find((c) => !(c >= 0 && c < q));',
        '  const q = logits.shape[1];\n  const outside = Array.from(y.dataSync()).find((c) => !(c >= 0 && c < q - 1));',
      ],
    ],
  },
  {
    name: 'range-error',
    why: "throws JavaScript's RangeError instead of the course's IndexOutOfRangeError",
    replace: [
      [
        '  if (outside !== undefined) throw new IndexOutOfRangeError(`label ${outside} is not a class in [0, ${q})`);\n  return tf.tidy(() => yHat',
        '  if (outside !== undefined) throw new RangeError(`label ${outside} is not a class in [0, ${q})`);\n  return tf.tidy(() => yHat',
      ],
    ],
  },
  {
    name: 'disposes-labels',
    why: 'disposes the labels once the one-hot matrix is made, though they belong to the caller',
    replace: [
      [
        '  return tf.tidy(() => yHat.mul(tf.oneHot(y, yHat.shape[1])).sum(1).log().neg() as tf.Tensor1D);',
        '  const loss = tf.tidy(() => yHat.mul(tf.oneHot(y, yHat.shape[1])).sum(1).log().neg() as tf.Tensor1D);\n  y.dispose();\n  return loss;',
      ],
    ],
  },
] satisfies Mutant[];
