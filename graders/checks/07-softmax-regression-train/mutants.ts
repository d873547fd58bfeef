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
    why: 'steps up the gradient, so the loss grows',
    replace: [
      ['return sgd([W, b], grads, config.lr, Xb.shape[0]);', 'return sgd([W, b], grads, -config.lr, Xb.shape[0]);'],
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
] satisfies Mutant[];
