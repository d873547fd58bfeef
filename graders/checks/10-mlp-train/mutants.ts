import type { Mutant } from '../../authoring/mutants';

export default [
  {
    name: 'linear-model',
    why: "trains the MLP without its activation ('identity'), which is a linear model",
    replace: [
      [
        'softmaxCrossEntropy(mlpForward({ W1, b1, W2, b2 } as MlpParams, Xb), yb).sum();',
        "softmaxCrossEntropy(mlpForward({ W1, b1, W2, b2 } as MlpParams, Xb, 'identity'), yb).sum();",
      ],
    ],
  },
  {
    name: 'mean-then-divide',
    why: 'averages the minibatch loss and then lets sgd divide by the batch size again',
    replace: [
      [
        'softmaxCrossEntropy(mlpForward({ W1, b1, W2, b2 } as MlpParams, Xb), yb).sum();',
        'softmaxCrossEntropy(mlpForward({ W1, b1, W2, b2 } as MlpParams, Xb), yb).mean();',
      ],
    ],
  },
  {
    name: 'one-batch-per-epoch',
    why: 'leaves the minibatch loop after its first batch, so each epoch is a single step',
    replace: [['    p = next;\n  }', '    p = next;\n    break;\n  }']],
  },
  {
    name: 'gradient-ascent',
    why: 'steps up the gradient (negates it before sgd), so the loss grows',
    replace: [
      [
        'sgd(current, tf.grads(loss)(current), config.lr, Xb.shape[0])',
        'sgd(\n        current,\n        tf.grads(loss)(current).map((g) => g.neg()),\n        config.lr,\n        Xb.shape[0],\n      )',
      ],
    ],
  },
  {
    name: 'accuracy-argmin',
    why: 'predicts the class with the smallest output',
    replace: [["O.argMax(1).equal(y).cast('float32').mean()", "O.argMin(1).equal(y).cast('float32').mean()"]],
  },
  {
    name: 'summed-loss',
    why: 'reports the summed loss over the data instead of its mean',
    replace: [['return [softmaxCrossEntropy(O, y).mean(), ', 'return [softmaxCrossEntropy(O, y).sum(), ']],
  },
  {
    name: 'loss-before-epoch',
    why: 'evaluates the parameters from before each epoch, so the last loss is not that of the returned model',
    replace: [
      [
        '    const next = trainEpoch(params, X, y, {',
        '    const { loss, accuracy } = evaluate(params, X, y);\n    const next = trainEpoch(params, X, y, {',
      ],
      [
        '    const { loss, accuracy } = evaluate(params, X, y);\n    epochLosses.push(loss);',
        '    epochLosses.push(loss);',
      ],
    ],
  },
  {
    name: 'old-params-not-disposed',
    why: 'never disposes the parameters each step replaces',
    replace: [['    if (p !== params) tf.dispose([p.W1, p.b1, p.W2, p.b2]);\n', '']],
  },
  {
    name: 'same-seed-every-epoch',
    why: 'passes config.seed to every epoch, so the minibatches come in the same order each time',
    replace: [['seed: config.seed + epoch })', 'seed: config.seed })']],
  },
  {
    name: 'full-batch-divisor',
    why: 'divides every step by config.batchSize, also the short last batch, whose gradient sums fewer examples',
    replace: [
      ['tf.grads(loss)(current), config.lr, Xb.shape[0])', 'tf.grads(loss)(current), config.lr, config.batchSize)'],
    ],
  },
  {
    name: 'init-seed-plus-one',
    why: 'passes seed + 1 to initParams, as if it did not add the 1 itself',
    replace: [['config.numClasses, config.seed, config.sigma)', 'config.numClasses, config.seed + 1, config.sigma)']],
  },
  {
    name: 'sigma-not-passed',
    why: "forgets to pass sigma to initParams, which then draws d2l's default 0.01",
    replace: [['config.numClasses, config.seed, config.sigma)', 'config.numClasses, config.seed)']],
  },
  {
    name: 'evaluate-log-of-softmax',
    why: 'takes the loss as -log of the softmax of the true class: fine for small logits, log 0 = -Infinity once logits differ by a hundred',
    replace: [
      [
        "return [softmaxCrossEntropy(O, y).mean(), O.argMax(1).equal(y).cast('float32').mean()];",
        "const P = O.sub(O.max(1, true)).exp();\n    const p = P.div(P.sum(1, true)).mul(tf.oneHot(y, O.shape[1])).sum(1);\n    return [p.log().neg().mean(), O.argMax(1).equal(y).cast('float32').mean()];",
      ],
    ],
  },
  {
    name: 'no-epoch-check',
    why: 'never checks numEpochs, so -1 epochs quietly trains nothing',
    replace: [
      [
        '  if (!Number.isInteger(config.numEpochs) || config.numEpochs < 0)\n    throw new HyperparameterError(`numEpochs must be a non-negative integer, got ${config.numEpochs}`);\n',
        '',
      ],
    ],
  },
  {
    name: 'hand-written-step',
    why: "writes the update p - lr * g / |B| by hand instead of the course's sgd, and checks lr < 0 only, so a learning rate of 0 trains nothing without a word",
    replace: [
      [
        '  if (!(config.lr > 0)) throw new HyperparameterError(`the learning rate lr must be > 0, got ${config.lr}`);\n',
        '  if (config.lr < 0) throw new HyperparameterError(`the learning rate lr must be > 0, got ${config.lr}`);\n',
      ],
      [
        'sgd(current, tf.grads(loss)(current), config.lr, Xb.shape[0])',
        'tf.grads(loss)(current).map((g, i) => current[i]!.sub(g.mul(config.lr / Xb.shape[0])))',
      ],
    ],
  },
  {
    name: 'epoch-disposes-callers-params',
    why: 'disposes the parameters it replaces, the ones passed in too, though the caller still owns them',
    replace: [
      ['    if (p !== params) tf.dispose([p.W1, p.b1, p.W2, p.b2]);\n', '    tf.dispose([p.W1, p.b1, p.W2, p.b2]);\n'],
    ],
  },
] satisfies Mutant[];
