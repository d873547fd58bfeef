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
    why: 'steps up the gradient (negates it before sgd), so the loss grows',
    replace: [
      [
        'return sgd([w, b], grads, config.lr, Xb.shape[0]);',
        'return sgd(\n          [w, b],\n          grads.map((g) => g.neg()),\n          config.lr,\n          Xb.shape[0],\n        );',
      ],
    ],
  },
  {
    name: 'batches-not-disposed',
    why: 'never disposes the minibatch tensors the iterator hands out',
    replace: [['tf.dispose([w, b, Xb, yb]);', 'tf.dispose([w, b]);']],
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
      ['return sgd([w, b], grads, config.lr, Xb.shape[0]);', 'return sgd([w, b], grads, config.lr, config.batchSize);'],
    ],
  },
  {
    name: 'sequential-updates',
    why: "updates w first and then takes b's gradient at the new w, instead of both gradients at the same point",
    replace: [
      [
        '        const grads = tf.grads((w_: tf.Tensor, b_: tf.Tensor) => squaredLoss(Xb.matMul(w_).add(b_), yb).sum())([w, b]);\n        return sgd([w, b], grads, config.lr, Xb.shape[0]);',
        '        const [gw] = tf.grads((w_: tf.Tensor) => squaredLoss(Xb.matMul(w_).add(b), yb).sum())([w]);\n        const [wNew] = sgd([w], [gw!], config.lr, Xb.shape[0]);\n        const [gb] = tf.grads((b_: tf.Tensor) => squaredLoss(Xb.matMul(wNew!).add(b_), yb).sum())([b]);\n        return [wNew!, ...sgd([b], [gb!], config.lr, Xb.shape[0])];',
      ],
    ],
  },
  {
    name: 'init-seed-not-plus-one',
    why: 'draws the initial w with config.seed, which tfjs ignores when it is 0',
    replace: [["0, 0.01, 'float32', config.seed + 1)", "0, 0.01, 'float32', config.seed)"]],
  },
  {
    name: 'init-zeros',
    why: 'starts w at 0 like b, instead of from the stated draw N(0, 0.01²)',
    replace: [
      [
        "let w = tf.randomNormal<tf.Rank.R2>([X.shape[1], 1], 0, 0.01, 'float32', config.seed + 1);",
        'let w = tf.zeros<tf.Rank.R2>([X.shape[1], 1]);',
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
    name: 'no-seed-check',
    why: 'accepts a negative seed, so seed -1 draws w with the seed 0 that tfjs ignores',
    replace: [
      [
        '  if (!Number.isInteger(config.seed) || config.seed < 0)\n    throw new HyperparameterError(`seed must be a non-negative integer, got ${config.seed}`);\n',
        '',
      ],
    ],
  },
  {
    name: 'hand-written-step',
    why: "writes the update w - lr * g / |B| by hand instead of calling the course's sgd, and checks nothing, so lr = 0 trains nothing without a word",
    replace: [
      [
        '  if (!(config.lr > 0)) throw new HyperparameterError(`the learning rate lr must be > 0, got ${config.lr}`);\n',
        '',
      ],
      [
        '        return sgd([w, b], grads, config.lr, Xb.shape[0]);',
        '        return [w.sub(grads[0]!.mul(config.lr / Xb.shape[0])), b.sub(grads[1]!.mul(config.lr / Xb.shape[0]))];',
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
    name: 'disposes-data',
    why: 'disposes X and y after training, as the data are no longer needed, though they belong to the caller',
    replace: [['  return { w, b, epochLosses };', '  tf.dispose([X, y]);\n  return { w, b, epochLosses };']],
  },
] satisfies Mutant[];
