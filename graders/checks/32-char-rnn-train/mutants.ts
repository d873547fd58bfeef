import type { Mutant } from '../../authoring/mutants';

export default [
  {
    name: 'clip-per-tensor',
    why: 'clips each gradient by its own norm instead of the norm of all of them together',
    replace: [
      [
        '    const norm = Math.sqrt(grads.reduce((s, g) => s + g.square().sum().dataSync()[0]!, 0));\n    const scale = norm > theta ? theta / norm : 1;\n    return grads.map((g) => g.mul(scale));',
        '    return grads.map((g) => {\n      const norm = Math.sqrt(g.square().sum().dataSync()[0]!);\n      return g.mul(norm > theta ? theta / norm : 1);\n    });',
      ],
    ],
  },
  {
    name: 'clip-by-value',
    why: 'clips every element to [−θ, θ] instead of rescaling by the norm',
    replace: [
      [
        'return grads.map((g) => g.mul(scale));',
        'return grads.map((g) => g.clipByValue(-theta, theta).mul(scale > 0 ? 1 : 0));',
      ],
    ],
  },
  {
    name: 'norm-squared',
    why: 'compares and divides by the squared norm (forgets the square root)',
    replace: [
      [
        'const norm = Math.sqrt(grads.reduce((s, g) => s + g.square().sum().dataSync()[0]!, 0));',
        'const norm = grads.reduce((s, g) => s + g.square().sum().dataSync()[0]!, 0);',
      ],
    ],
  },
  {
    name: 'always-rescale',
    why: 'rescales to norm θ even when the norm is below θ',
    replace: [['const scale = norm > theta ? theta / norm : 1;', 'const scale = theta / norm;']],
  },
  {
    name: 'no-warm-up',
    why: 'skips the warm-up: predicts from a fresh state fed only the last character of the prefix',
    replace: [['    step(outputs.at(-1)!).dispose();\n    outputs.push(index(ch));', '    outputs.push(index(ch));']],
  },
  {
    name: 'one-prediction-short',
    why: 'predicts numPreds − 1 characters',
    replace: [['for (let i = 0; i < numPreds; i++) {', 'for (let i = 1; i < numPreds; i++) {']],
  },
  {
    name: 'state-reset-every-minibatch',
    why: 'starts every minibatch from a fresh state, also with sequential partitioning',
    replace: [
      [
        'if (state === undefined || opts.useRandomIter) {',
        'if (state === undefined || opts.useRandomIter || X.size > 0) {',
      ],
    ],
  },
  {
    name: 'state-carried-across-random-minibatches',
    why: 'carries the state on with random sampling, where the next subsequences do not continue the last',
    replace: [['if (state === undefined || opts.useRandomIter) {', 'if (state === undefined) {']],
  },
  {
    name: 'labels-batch-major',
    why: "flattens the labels row by row (Y.reshape(-1)) while the outputs are time-major (d2l's Y.T.reshape(-1))",
    replace: [['const y = Y.transpose().reshape([-1]) as tf.Tensor1D;', 'const y = Y.reshape([-1]) as tf.Tensor1D;']],
  },
  {
    name: 'no-clipping',
    why: 'forgets to clip the gradients',
    replace: [['const clipped = gradClipping(grads, opts.theta);', 'const clipped = grads;']],
  },
  {
    name: 'summed-loss',
    why: 'differentiates the summed loss instead of its mean (a step numSteps · batchSize times too large before clipping)',
    replace: [
      [
        'return softmaxCrossEntropy(out.Y, y).mean() as tf.Scalar;',
        'return softmaxCrossEntropy(out.Y, y).sum() as tf.Scalar;',
      ],
      ['lossSum += value.dataSync()[0]! * y.size;', 'lossSum += value.dataSync()[0]!;'],
    ],
  },
  {
    name: 'perplexity-of-last-minibatch',
    why: 'reports the perplexity of the last minibatch instead of the whole epoch',
    replace: [
      [
        'lossSum += value.dataSync()[0]! * y.size;\n      numTokens += y.size;',
        'lossSum = value.dataSync()[0]! * y.size;\n      numTokens = y.size;',
      ],
    ],
  },
  {
    name: 'same-seed-every-epoch',
    why: "draws every epoch's minibatches with the same seed, so the offsets never change",
    replace: [
      [
        'const r = trainEpochCh8(cell, params, corpus, opts, opts.seed + epoch);',
        'const r = trainEpochCh8(cell, params, corpus, opts, opts.seed);',
      ],
    ],
  },
  {
    name: 'old-parameters-kept',
    why: 'never disposes the parameters replaced by each step',
    replace: [['    if (current !== params) tf.dispose(Object.values(current));\n', '']],
  },
] satisfies Mutant[];
