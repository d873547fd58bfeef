import type { Mutant } from '../../authoring/mutants';

export default [
  {
    name: 'no-mask',
    why: 'forgets the mask: the padded steps count in the loss',
    replace: [['return unweighted.mul(weights).mean(1) as tf.Tensor1D;', 'return unweighted.mean(1) as tf.Tensor1D;']],
  },
  {
    name: 'mask-off-by-one',
    why: 'keeps step t while t <= validLen, one step of padding too many',
    replace: [
      [
        'let keep: tf.Tensor = steps.expandDims(0).less(validLen',
        'let keep: tf.Tensor = steps.expandDims(0).lessEqual(validLen',
      ],
    ],
  },
  {
    name: 'mean-over-valid-steps',
    why: "divides each sequence's loss by its valid length instead of by T (d2l averages over all steps)",
    replace: [
      [
        'return unweighted.mul(weights).mean(1) as tf.Tensor1D;',
        "return unweighted.mul(weights).sum(1).div(tf.maximum(validLen.cast('float32'), 1)) as tf.Tensor1D;",
      ],
    ],
  },
  {
    name: 'summed-over-steps',
    why: 'sums over the steps instead of taking the mean',
    replace: [
      [
        'return unweighted.mul(weights).mean(1) as tf.Tensor1D;',
        'return unweighted.mul(weights).sum(1) as tf.Tensor1D;',
      ],
    ],
  },
  {
    name: 'log-of-softmax',
    why: 'takes the log of the softmax, which underflows to log 0 = −∞ for logits far apart',
    replace: [['const logProbs = tf.logSoftmax(pred);', 'const logProbs = tf.log(tf.softmax(pred));']],
  },
  {
    name: 'mask-the-logits',
    why: 'masks the logits instead of the losses: a padded step then costs log V instead of nothing',
    replace: [
      ['const logProbs = tf.logSoftmax(pred);', 'const logProbs = tf.logSoftmax(sequenceMask(pred, validLen));'],
      [
        'return unweighted.mul(weights).mean(1) as tf.Tensor1D;',
        'return unweighted.add(weights.mul(0)).mean(1) as tf.Tensor1D;',
      ],
    ],
  },
  {
    name: 'value-ignored',
    why: 'always fills the masked entries with 0, whatever value is given',
    replace: [['tf.fill(X.shape, value, X.dtype)', 'tf.zerosLike(X)']],
  },
  {
    name: 'mask-on-rows',
    why: 'masks along the last axis of a 3-D X instead of whole rows of the step axis',
    replace: [
      [
        'while (keep.rank < X.rank) keep = keep.expandDims(-1);',
        'while (keep.rank < X.rank) keep = keep.expandDims(1);',
      ],
    ],
  },
  {
    name: 'returns-x-when-all-valid',
    why: 'returns X itself when nothing is masked, so disposing the result disposes the caller’s tensor',
    replace: [
      [
        '  return tf.tidy(() => {\n    const [, T] = X.shape as number[];',
        '  if ([...validLen.dataSync()].every((v) => v >= (X.shape as number[])[1])) return X;\n  return tf.tidy(() => {\n    const [, T] = X.shape as number[];',
      ],
    ],
  },
  {
    name: 'no-shape-check',
    why: 'does not check the shapes: labels of another length fail inside tfjs, or broadcast silently',
    replace: [
      [
        '  if (label.shape[0] !== n || label.shape[1] !== T || validLen.shape[0] !== n)\n    throw new ShapeMismatchError(',
        '  if (false)\n    throw new ShapeMismatchError(',
      ],
    ],
  },
  {
    name: 'no-tidy',
    why: 'forgets tf.tidy in the loss, leaking the weights, log-probabilities and one-hot labels',
    replace: [
      [
        '  return tf.tidy(() => {\n    const weights = sequenceMask(tf.ones([n, T]), validLen);',
        '  return ((f: () => tf.Tensor1D) => f())(() => {\n    const weights = sequenceMask(tf.ones([n, T]), validLen);',
      ],
    ],
  },
] satisfies Mutant[];
