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
    name: 'lr-zero-accepted',
    why: 'accepts lr = 0, a step that never moves',
    replace: [['if (!(lr > 0)) throw', 'if (!(lr >= 0)) throw']],
  },
  {
    name: 'lambda-zero-rejected',
    why: 'demands λ > 0, rejecting λ = 0 (plain SGD)',
    replace: [['if (!(lambda >= 0)) throw', 'if (!(lambda > 0)) throw']],
  },
  {
    name: 'seed-not-plus-one',
    why: 'draws w with the seed itself, so seed 0 (which tf.randomNormal ignores) gives a different w at every run',
    replace: [["0, 1, 'float32', config.seed + 1);", "0, 1, 'float32', config.seed);"]],
  },
  {
    name: 'init-std-0.01',
    why: "draws w from N(0, 0.01²) as d2l's linear regression does, not N(0, 1) as its weight-decay section says",
    replace: [["0, 1, 'float32', config.seed + 1);", "0, 0.01, 'float32', config.seed + 1);"]],
  },
  {
    name: 'same-order-every-epoch',
    why: 'shuffles with the same seed in every epoch, so each epoch sees the minibatches in the same order',
    replace: [
      [
        'dataIter(config.batchSize, train.X, train.y, config.seed + epoch)',
        'dataIter(config.batchSize, train.X, train.y, config.seed)',
      ],
    ],
  },
  {
    name: 'short-batch-dropped',
    why: 'skips the last minibatch when it is shorter than batchSize',
    replace: [
      [
        '      const [w1, b1] = weightDecayStep(w, b, Xb, yb, config.lr, config.lambda);',
        '      if (Xb.shape[0] < config.batchSize) {\n        tf.dispose([Xb, yb]);\n        continue;\n      }\n      const [w1, b1] = weightDecayStep(w, b, Xb, yb, config.lr, config.lambda);',
      ],
    ],
  },
  {
    name: 'bias-never-updated',
    why: 'keeps the bias at its initial 0, updating only w',
    replace: [
      [
        '      tf.dispose([w, b, Xb, yb]);\n      [w, b] = [w1, b1];',
        '      tf.dispose([w, b1, Xb, yb]);\n      w = w1;',
      ],
    ],
  },
  {
    name: 'loss-before-epoch',
    why: 'records the losses at the start of each epoch instead of after it',
    replace: [
      [
        '    for (const [Xb, yb] of dataIter(config.batchSize, train.X, train.y, config.seed + epoch)) {',
        '    trainLosses.push(meanLoss(train.X, train.y));\n    testLosses.push(meanLoss(test.X, test.y));\n    for (const [Xb, yb] of dataIter(config.batchSize, train.X, train.y, config.seed + epoch)) {',
      ],
      [
        '    }\n    trainLosses.push(meanLoss(train.X, train.y));\n    testLosses.push(meanLoss(test.X, test.y));\n  }',
        '    }\n  }',
      ],
    ],
  },
  {
    name: 'step-disposes-old-params',
    why: 'disposes w and b inside the step, as the new ones replace them, though its caller owns them',
    replace: [
      [
        '  return tf.tidy(() => {\n    const [gw, gb]',
        '  const next = tf.tidy((): [tf.Tensor2D, tf.Tensor1D] => {\n    const [gw, gb]',
      ],
      [
        'b.sub(gb!.mul(step)) as tf.Tensor1D];\n  });',
        'b.sub(gb!.mul(step)) as tf.Tensor1D];\n  });\n  tf.dispose([w, b]);\n  return next;',
      ],
      ['tf.dispose([w, b, Xb, yb]);', 'tf.dispose([Xb, yb]);'],
    ],
  },
  {
    name: 'batches-not-disposed',
    why: 'never disposes the minibatches',
    replace: [['tf.dispose([w, b, Xb, yb]);', 'tf.dispose([w, b]);']],
  },
] satisfies Mutant[];
