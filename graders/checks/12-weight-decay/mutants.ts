import type { Mutant } from '../../authoring/mutants';

export default [
  {
    name: 'penalty-without-half',
    why: 'takes the penalty to be ||w||², forgetting the 1/2 that cancels the 2 of the derivative',
    replace: [['return tf.tidy(() => w.square().sum().div(2));', 'return tf.tidy(() => w.square().sum());']],
  },
  {
    name: 'decays-bias',
    why: 'shrinks the bias too, which weight decay leaves alone',
    replace: [['b.sub(gb!.mul(step)) as tf.Tensor1D]', 'b.mul(1 - lr * lambda).sub(gb!.mul(step)) as tf.Tensor1D]']],
  },
  {
    name: 'decay-without-lr',
    why: 'shrinks w by (1 − λ) instead of (1 − ηλ)',
    replace: [['w.mul(1 - lr * lambda)', 'w.mul(1 - lambda)']],
  },
  {
    name: 'decay-sign',
    why: 'grows w by (1 + ηλ) instead of shrinking it',
    replace: [['w.mul(1 - lr * lambda)', 'w.mul(1 + lr * lambda)']],
  },
  {
    name: 'decay-divided-by-batch',
    why: 'divides the decay by the batch size too, as if λ/2 ||w||² were added to every example',
    replace: [['w.mul(1 - lr * lambda)', 'w.mul(1 - (lr * lambda) / X.shape[0])']],
  },
  {
    name: 'lambda-ignored',
    why: 'trains with λ = 0 whatever the configuration says',
    replace: [
      ['weightDecayStep(w, b, Xb, yb, config.lr, config.lambda);', 'weightDecayStep(w, b, Xb, yb, config.lr, 0);'],
    ],
  },
  {
    name: 'test-loss-on-training-set',
    why: 'records the training loss as the test loss',
    replace: [['testLosses.push(meanLoss(test.X, test.y));', 'testLosses.push(meanLoss(train.X, train.y));']],
  },
  {
    name: 'no-lambda-check',
    why: 'accepts a negative λ, which grows the weights',
    replace: [
      [
        '  if (!(lambda >= 0)) throw new HyperparameterError(`the weight decay lambda must be >= 0, got ${lambda}`);\n',
        '',
      ],
    ],
  },
  {
    name: 'batches-not-disposed',
    why: 'never disposes the minibatches',
    replace: [['tf.dispose([w, b, Xb, yb]);', 'tf.dispose([w, b]);']],
  },
] satisfies Mutant[];
