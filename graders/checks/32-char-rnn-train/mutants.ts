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
  {
    name: 'prediction-state-kept',
    why: 'never disposes the state left after the last prediction, leaking it at every call',
    replace: [
      [
        "  tf.dispose(state);\n  return outputs.map((i) => idxToToken[i]).join('');",
        "  return outputs.map((i) => idxToToken[i]).join('');",
      ],
    ],
  },
  {
    name: 'returns-grads-below-theta',
    why: 'returns the gradients it was given when the norm is below θ (nothing to clip), so the caller gets its own tensors back',
    replace: [
      [
        '    return grads.map((g) => g.mul(scale));',
        '    if (scale === 1) return grads;\n    return grads.map((g) => g.mul(scale));',
      ],
    ],
  },
  {
    name: 'normalised-then-scaled',
    why: 'divides every gradient by the norm, then multiplies by min(‖g‖, θ): the same when ‖g‖ > 0, 0 / 0 = NaN for zero gradients',
    replace: [
      [
        '    return grads.map((g) => g.mul(scale));',
        '    return grads.map((g) => g.div(norm).mul(Math.min(norm, theta)));',
      ],
    ],
  },
  {
    name: 'theta-unchecked',
    why: 'accepts θ <= 0, which zeroes (θ = 0) or reverses (θ < 0) every gradient above it',
    replace: [
      [
        '  if (!(theta > 0)) throw new HyperparameterError(`the clipping threshold theta must be > 0, got ${theta}`);\n',
        '',
      ],
    ],
  },
  {
    name: 'prefix-split-into-units',
    why: "splits the prefix with split(''), into UTF-16 units, so a character outside the BMP becomes two unknown halves",
    replace: [['const chars = [...prefix];', "const chars = prefix.split('');"]],
  },
  {
    name: 'unknown-as-minus-one',
    why: 'looks an unknown character up as indexOf gives it, −1, instead of index 0 (<unk>)',
    replace: [
      [
        'const index = (ch: string) => Math.max(idxToToken.indexOf(ch), 0);',
        'const index = (ch: string) => idxToToken.indexOf(ch);',
      ],
    ],
  },
  {
    name: 'prefix-as-typed',
    why: 'returns the prefix as typed followed by the prediction, hiding that the model read an unknown character as <unk>',
    replace: [
      [
        "  return outputs.map((i) => idxToToken[i]).join('');",
        "  return prefix + outputs.slice(chars.length).map((i) => idxToToken[i]).join('');",
      ],
    ],
  },
  {
    name: 'empty-prefix-unchecked',
    why: 'starts an empty prefix from <unk> instead of rejecting it',
    replace: [
      [
        '  if (chars.length === 0)\n    throw new EmptyCorpusError(',
        '  if (chars.length < 0)\n    throw new EmptyCorpusError(',
      ],
    ],
  },
  {
    name: 'numPreds-unchecked',
    why: 'accepts numPreds of −1 (the prefix alone) and 2.5 (three predictions)',
    replace: [
      [
        '  if (!Number.isInteger(numPreds) || numPreds < 0)\n    throw new HyperparameterError(`numPreds must be a whole number >= 0, got ${numPreds}`);\n',
        '',
      ],
    ],
  },
  {
    name: 'unknown-cell-unchecked',
    why: 'looks the cell up without checking it, so an unknown cell fails with a TypeError deep inside',
    replace: [
      [
        "  if (cell !== 'rnn' && cell !== 'gru' && cell !== 'lstm')\n    throw new HyperparameterError(`unknown cell \"${cell}\": use 'rnn', 'gru' or 'lstm'`);\n",
        '',
      ],
    ],
  },
  {
    name: 'lr-zero-accepted',
    why: 'accepts a learning rate of 0 (an epoch that changes nothing), rejecting only negative ones',
    replace: [['if (!(opts.lr > 0)) throw', 'if (opts.lr < 0) throw']],
  },
  {
    name: 'no-minibatch-nan',
    why: 'returns perplexity exp(0 / 0) = NaN (and the parameters it was given) when the corpus yields no minibatch',
    replace: [
      [
        '  if (numTokens === 0)\n    throw new SequenceTooShortError(',
        '  if (numTokens < 0)\n    throw new SequenceTooShortError(',
      ],
    ],
  },
  {
    name: 'epochs-unchecked',
    why: 'accepts numEpochs = 0 and numHiddens = 0',
    replace: [
      [
        "  for (const name of ['numHiddens', 'numEpochs'] as const)\n    if (!Number.isInteger(opts[name]) || opts[name] < 1)\n      throw new HyperparameterError(`${name} must be a whole number >= 1, got ${opts[name]}`);\n",
        '',
      ],
    ],
  },
  {
    name: 'lr-divided-by-batch-size',
    why: "divides the learning rate by the batch size, as d2l's sgd(params, lr, batch_size) does, though the loss is already a mean (train_ch8 passes batch_size = 1)",
    replace: [
      ['current[n]!.sub(clipped[i]!.mul(opts.lr))', 'current[n]!.sub(clipped[i]!.mul(opts.lr / opts.batchSize))'],
    ],
  },
  {
    name: 'clip-after-lr',
    why: 'clips the step lr · g instead of the gradient g',
    replace: [
      [
        'const clipped = gradClipping(grads, opts.theta);',
        'const clipped = gradClipping(grads.map((g) => g.mul(opts.lr)), opts.theta);',
      ],
      ['current[n]!.sub(clipped[i]!.mul(opts.lr))', 'current[n]!.sub(clipped[i]!)'],
    ],
  },
  {
    name: 'loss-after-step',
    why: "records each minibatch's loss after the SGD step (with the new parameters) instead of the loss the gradient was taken of",
    replace: [
      ['      lossSum += value.dataSync()[0]! * y.size;\n', ''],
      [
        '      return Object.fromEntries(names.map((n, i) => [n, current[n]!.sub(clipped[i]!.mul(opts.lr))]));',
        '      const updated = Object.fromEntries(names.map((n, i) => [n, current[n]!.sub(clipped[i]!.mul(opts.lr))]));\n      lossSum += softmaxCrossEntropy(model.forward(X, before, updated).Y, y).mean().dataSync()[0]! * y.size;\n      return updated;',
      ],
    ],
  },
  {
    name: 'bias-never-updated',
    why: 'updates the weights only, leaving every bias (b_*) at its initial value',
    replace: [
      [
        'names.map((n, i) => [n, current[n]!.sub(clipped[i]!.mul(opts.lr))])',
        "names.map((n, i) => [n, n.startsWith('b_') ? current[n]!.clone() : current[n]!.sub(clipped[i]!.mul(opts.lr))])",
      ],
    ],
  },
  {
    name: 'disposes-callers-params',
    why: 'disposes the parameters each step replaces, the first ones too, though those belong to the caller',
    replace: [
      [
        '    if (current !== params) tf.dispose(Object.values(current));\n',
        '    tf.dispose(Object.values(current));\n',
      ],
    ],
  },
] satisfies Mutant[];
