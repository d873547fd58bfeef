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
] satisfies Mutant[];
