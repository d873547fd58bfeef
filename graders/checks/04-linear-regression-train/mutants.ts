import type { Mutant } from '../../authoring/mutants';

export default [
  {
    name: 'one-batch-per-epoch',
    why: 'leaves the minibatch loop after its first batch, so each epoch is a single step',
    replace: [['      b = b1 as tf.Tensor1D;\n    }', '      b = b1 as tf.Tensor1D;\n      break;\n    }']],
  },
  {
    name: 'bias-never-updated',
    why: 'differentiates and updates only w, so b stays 0',
    replace: [
      [
        'const grads = tf.grads((w_: tf.Tensor, b_: tf.Tensor) => squaredLoss(Xb.matMul(w_).add(b_), yb).sum())([w, b]);\n        return sgd([w, b], grads, config.lr, Xb.shape[0]);',
        'const grads = tf.grads((w_: tf.Tensor) => squaredLoss(Xb.matMul(w_).add(b), yb).sum())([w]);\n        return [...sgd([w], grads, config.lr, Xb.shape[0]), b.clone()];',
      ],
    ],
  },
  {
    name: 'two-features-only',
    why: "copies d2l's w of shape [2, 1] instead of one row per feature",
    replace: [['tf.randomNormal<tf.Rank.R2>([X.shape[1], 1], 0, 0.01', 'tf.randomNormal<tf.Rank.R2>([2, 1], 0, 0.01']],
  },
  {
    name: 'last-batch-loss',
    why: "reports the last minibatch's loss as the epoch's loss instead of the loss over all the data",
    replace: [
      ['    for (const [Xb, yb] of dataIter(', '    let last = 0;\n    for (const [Xb, yb] of dataIter('],
      [
        '      tf.dispose([w, b, Xb, yb]);',
        '      last = tf.tidy(() => squaredLoss(Xb.matMul(w1!).add(b1!), yb).mean().dataSync()[0]!);\n      tf.dispose([w, b, Xb, yb]);',
      ],
      [
        '    epochLosses.push(tf.tidy(() => squaredLoss(X.matMul(w).add(b), y).mean().dataSync()[0]!));',
        '    epochLosses.push(last);',
      ],
    ],
  },
  {
    name: 'gradient-ascent',
    why: 'steps up the gradient (a negative learning rate), so the loss grows',
    replace: [
      ['return sgd([w, b], grads, config.lr, Xb.shape[0]);', 'return sgd([w, b], grads, -config.lr, Xb.shape[0]);'],
    ],
  },
  {
    name: 'batches-not-disposed',
    why: 'never disposes the minibatch tensors the iterator hands out',
    replace: [['tf.dispose([w, b, Xb, yb]);', 'tf.dispose([w, b]);']],
  },
] satisfies Mutant[];
