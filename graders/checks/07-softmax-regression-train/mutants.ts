import type { Mutant } from '../../authoring/mutants';

export default [
  {
    name: 'argmin',
    why: 'predicts the class with the smallest score',
    replace: [['yHat.argMax(1).equal(y)', 'yHat.argMin(1).equal(y)']],
  },
  {
    name: 'count-not-fraction',
    why: "returns the number of correct predictions (d2l's accuracy before dividing by len(y))",
    replace: [[".cast('float32').mean().dataSync()[0]!", ".cast('float32').sum().dataSync()[0]!"]],
  },
  {
    name: 'bias-never-updated',
    why: 'trains W only, so b stays 0 and every decision boundary passes through the origin',
    replace: [
      [
        'const grads = tf.grads((W_: tf.Tensor, b_: tf.Tensor) => crossEntropy(net(Xb, W_, b_), yb).sum())([W, b]);\n        return sgd([W, b], grads, config.lr, Xb.shape[0]);',
        'const grads = tf.grads((W_: tf.Tensor) => crossEntropy(net(Xb, W_, b), yb).sum())([W]);\n        return [...sgd([W], grads, config.lr, Xb.shape[0]), b.clone()];',
      ],
    ],
  },
  {
    name: 'one-batch-per-epoch',
    why: 'leaves the minibatch loop after its first batch',
    replace: [['      b = b1 as tf.Tensor1D;\n    }', '      b = b1 as tf.Tensor1D;\n      break;\n    }']],
  },
  {
    name: 'gradient-ascent',
    why: 'steps up the gradient (negates it before sgd), so the loss grows',
    replace: [
      [
        'return sgd([W, b], grads, config.lr, Xb.shape[0]);',
        'return sgd(\n          [W, b],\n          grads.map((g) => g.neg()),\n          config.lr,\n          Xb.shape[0],\n        );',
      ],
    ],
  },
  {
    name: 'first-epoch-loss-repeated',
    why: 'records the loss only after the first epoch and repeats it',
    replace: [
      [
        'epochLosses.push(tf.tidy(() => crossEntropy(yHat, y).mean().dataSync()[0]!));',
        'epochLosses.push(epoch === 0 ? tf.tidy(() => crossEntropy(yHat, y).mean().dataSync()[0]!) : epochLosses[0]!);',
      ],
    ],
  },
  {
    name: 'accuracy-before-training',
    why: 'measures the training accuracy of the initial weights instead of the trained ones',
    replace: [
      [
        '  const epochLosses: number[] = [];',
        '  const initialAccuracy = tf.tidy(() => accuracy(net(X, W, b), y));\n  const epochLosses: number[] = [];',
      ],
      ['trainAccuracy.push(accuracy(yHat, y));', 'trainAccuracy.push(initialAccuracy);'],
    ],
  },
  {
    name: 'predictions-not-disposed',
    why: 'never disposes the predictions made after each epoch',
    replace: [['    yHat.dispose();\n', '']],
  },
  {
    name: 'same-order-every-epoch',
    why: 'passes config.seed to dataIter in every epoch, so every epoch visits the minibatches in the same order',
    replace: [
      ['dataIter(config.batchSize, X, y, config.seed + epoch)', 'dataIter(config.batchSize, X, y, config.seed)'],
    ],
  },
  {
    name: 'full-batch-divisor',
    why: 'divides every step by config.batchSize, also the short last batch, whose gradient sums fewer examples',
    replace: [
      ['return sgd([W, b], grads, config.lr, Xb.shape[0]);', 'return sgd([W, b], grads, config.lr, config.batchSize);'],
    ],
  },
  {
    name: 'mean-then-divide',
    why: 'averages the minibatch loss and then lets sgd divide by the batch size again',
    replace: [['crossEntropy(net(Xb, W_, b_), yb).sum()', 'crossEntropy(net(Xb, W_, b_), yb).mean()']],
  },
  {
    name: 'metrics-before-epoch',
    why: 'records the loss and accuracy of the model as it was before each epoch, not after it',
    replace: [
      [
        '    for (const [Xb, yb] of dataIter(config.batchSize, X, y, config.seed + epoch)) {',
        '    const yHat = tf.tidy(() => net(X, W, b));\n    epochLosses.push(tf.tidy(() => crossEntropy(yHat, y).mean().dataSync()[0]!));\n    trainAccuracy.push(accuracy(yHat, y));\n    yHat.dispose();\n    for (const [Xb, yb] of dataIter(config.batchSize, X, y, config.seed + epoch)) {',
      ],
      [
        '    const yHat = tf.tidy(() => net(X, W, b));\n    epochLosses.push(tf.tidy(() => crossEntropy(yHat, y).mean().dataSync()[0]!));\n    trainAccuracy.push(accuracy(yHat, y));\n    yHat.dispose();\n  }\n  return',
        '  }\n  return',
      ],
    ],
  },
  {
    name: 'init-seed-not-plus-one',
    why: 'draws the initial W with config.seed, which tfjs ignores when it is 0',
    replace: [["0, 0.01, 'float32', config.seed + 1)", "0, 0.01, 'float32', config.seed)"]],
  },
  {
    name: 'init-zeros',
    why: 'starts W at 0 like b, instead of from the stated draw N(0, 0.01²)',
    replace: [
      [
        "let W = tf.randomNormal<tf.Rank.R2>([X.shape[1], config.numClasses], 0, 0.01, 'float32', config.seed + 1);",
        'let W = tf.zeros<tf.Rank.R2>([X.shape[1], config.numClasses]);',
      ],
    ],
  },
  {
    name: 'no-config-check',
    why: 'checks nothing in the config, so -1 epochs or a seed of -1 pass without a word',
    replace: [
      [
        '  if (!Number.isInteger(config.numEpochs) || config.numEpochs < 0)\n    throw new HyperparameterError(`numEpochs must be a non-negative integer, got ${config.numEpochs}`);\n  if (!Number.isInteger(config.seed) || config.seed < 0)\n    throw new HyperparameterError(`seed must be a non-negative integer, got ${config.seed}`);\n',
        '',
      ],
    ],
  },
  {
    name: 'epochs-at-least-one',
    why: 'asks for numEpochs >= 1, refusing 0 epochs, which returns the initial parameters',
    replace: [
      [
        'if (!Number.isInteger(config.numEpochs) || config.numEpochs < 0)',
        'if (!Number.isInteger(config.numEpochs) || config.numEpochs < 1)',
      ],
    ],
  },
  {
    name: 'accuracy-disposes-scores',
    why: 'disposes the scores once the accuracy is read, as the training loop has no more use for them, though they belong to the caller',
    replace: [
      [
        "  return tf.tidy(() => yHat.argMax(1).equal(y).cast('float32').mean().dataSync()[0]!);",
        "  const acc = tf.tidy(() => yHat.argMax(1).equal(y).cast('float32').mean().dataSync()[0]!);\n  yHat.dispose();\n  return acc;",
      ],
    ],
  },
] satisfies Mutant[];
