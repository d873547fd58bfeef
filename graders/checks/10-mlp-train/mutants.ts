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
    why: 'steps up the gradient (a negative learning rate), so the loss grows',
    replace: [
      [
        'sgd(current, tf.grads(loss)(current), config.lr, Xb.shape[0])',
        'sgd(current, tf.grads(loss)(current), -config.lr, Xb.shape[0])',
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
    name: 'no-lr-check',
    why: 'accepts a negative learning rate and silently climbs the loss',
    replace: [
      [
        '  if (!(config.lr > 0)) throw new HyperparameterError(`the learning rate lr must be > 0, got ${config.lr}`);\n',
        '',
      ],
    ],
  },
  {
    name: 'old-params-not-disposed',
    why: 'never disposes the parameters each step replaces',
    replace: [['    if (p !== params) tf.dispose([p.W1, p.b1, p.W2, p.b2]);\n', '']],
  },
] satisfies Mutant[];
