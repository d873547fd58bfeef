import type { Mutant } from '../../authoring/mutants';

export default [
  {
    name: 'no-activation',
    why: 'never applies the activation, so the MLP stays a linear model',
    replace: [
      [
        'const H = sigma(X.matMul(params.W1).add(params.b1)) as tf.Tensor2D;',
        'const H = X.matMul(params.W1).add(params.b1) as tf.Tensor2D;',
      ],
    ],
  },
  {
    name: 'activation-on-output',
    why: 'applies the activation to the output layer too',
    replace: [
      [
        'return H.matMul(params.W2).add(params.b2);',
        'return sigma(H.matMul(params.W2).add(params.b2)) as tf.Tensor2D;',
      ],
    ],
  },
  {
    name: 'no-hidden-bias',
    why: 'forgets the hidden bias b1',
    replace: [
      [
        'const H = sigma(X.matMul(params.W1).add(params.b1)) as tf.Tensor2D;',
        'const H = sigma(X.matMul(params.W1)) as tf.Tensor2D;',
      ],
    ],
  },
  {
    name: 'collapsed-bias-without-W2',
    why: 'takes the collapsed bias to be b1 + b2, forgetting that b1 passes through W2',
    replace: [
      [
        'b: params.b1.expandDims(0).matMul(params.W2).squeeze([0]).add(params.b2) as tf.Tensor1D,',
        'b: params.b1.sum().add(params.b2) as tf.Tensor1D,',
      ],
    ],
  },
  {
    name: 'weights-std-1',
    why: "draws the weights from N(0, 1), forgetting d2l's factor sigma",
    replace: [
      [
        "W1: tf.randomNormal([numInputs, numHiddens], 0, sigma, 'float32', seed + 1),",
        "W1: tf.randomNormal([numInputs, numHiddens], 0, 1, 'float32', seed + 1),",
      ],
      [
        "W2: tf.randomNormal([numHiddens, numOutputs], 0, sigma, 'float32', seed + 2),",
        "W2: tf.randomNormal([numHiddens, numOutputs], 0, 1, 'float32', seed + 2),",
      ],
    ],
  },
  {
    name: 'random-biases',
    why: 'draws the biases at random like the weights, instead of starting them at 0',
    replace: [['b1: tf.zeros([numHiddens]),', "b1: tf.randomNormal([numHiddens], 0, sigma, 'float32', seed + 3),"]],
  },
  {
    name: 'unseeded-weights',
    why: 'draws W2 without the seed, so the same seed gives other weights',
    replace: [
      [
        "W2: tf.randomNormal([numHiddens, numOutputs], 0, sigma, 'float32', seed + 2),",
        "W2: tf.randomNormal([numHiddens, numOutputs], 0, sigma, 'float32'),",
      ],
    ],
  },
  {
    name: 'unknown-activation-is-relu',
    why: 'falls back to ReLU for an activation name it does not know, instead of saying so',
    replace: [
      [
        '  const sigma = { relu, sigmoid, tanh, identity: (x: tf.Tensor) => x }[activation];\n  if (sigma === undefined)\n    throw new HyperparameterError(`unknown activation "${activation}": use relu, sigmoid, tanh or identity`);\n',
        '  const sigma = { relu, sigmoid, tanh, identity: (x: tf.Tensor) => x }[activation] ?? relu;\n',
      ],
    ],
  },
  {
    name: 'plain-error',
    why: "throws a plain Error for bad settings instead of the course's HyperparameterError",
    replace: [
      [
        '    if (!Number.isInteger(n) || n < 1) throw new HyperparameterError(`${name} must be a positive integer, got ${n}`);\n  }\n  if (!(sigma >= 0))\n    throw new HyperparameterError(`sigma, the standard deviation of the weights, must be >= 0, got ${sigma}`);\n',
        '    if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got ${n}`);\n  }\n  if (!(sigma >= 0)) throw new Error(`sigma, the standard deviation of the weights, must be >= 0, got ${sigma}`);\n',
      ],
    ],
  },
  {
    name: 'no-tidy',
    why: 'computes the forward pass without tf.tidy, so the hidden layer is never disposed',
    replace: [
      ['  return tf.tidy(() => {\n    const H = sigma(', '  {\n    const H = sigma('],
      ['    return H.matMul(params.W2).add(params.b2);\n  });', '    return H.matMul(params.W2).add(params.b2);\n  }'],
    ],
  },
  {
    name: 'same-seed-both-layers',
    why: 'draws W2 with seed + 1 too, so W2 repeats the first draws of W1',
    replace: [
      [
        "W2: tf.randomNormal([numHiddens, numOutputs], 0, sigma, 'float32', seed + 2),",
        "W2: tf.randomNormal([numHiddens, numOutputs], 0, sigma, 'float32', seed + 1),",
      ],
    ],
  },
  {
    name: 'seeds-from-zero',
    why: 'draws W1 with the seed itself and W2 with seed + 1: with seed 0 tfjs draws W1 unseeded',
    replace: [
      [
        "W1: tf.randomNormal([numInputs, numHiddens], 0, sigma, 'float32', seed + 1),",
        "W1: tf.randomNormal([numInputs, numHiddens], 0, sigma, 'float32', seed),",
      ],
      [
        "W2: tf.randomNormal([numHiddens, numOutputs], 0, sigma, 'float32', seed + 2),",
        "W2: tf.randomNormal([numHiddens, numOutputs], 0, sigma, 'float32', seed + 1),",
      ],
    ],
  },
  {
    name: 'W2-drawn-transposed',
    why: 'draws W2 as [numOutputs, numHiddens] and transposes it: the same distribution, but not the stated draw',
    replace: [
      [
        "W2: tf.randomNormal([numHiddens, numOutputs], 0, sigma, 'float32', seed + 2),",
        "W2: tf.randomNormal([numOutputs, numHiddens], 0, sigma, 'float32', seed + 2).transpose(),",
      ],
    ],
  },
  {
    name: 'sigma-as-variance',
    why: 'passes sigma² as the standard deviation, reading N(0, sigma²) as its second argument',
    replace: [
      [
        "W1: tf.randomNormal([numInputs, numHiddens], 0, sigma, 'float32', seed + 1),",
        "W1: tf.randomNormal([numInputs, numHiddens], 0, sigma * sigma, 'float32', seed + 1),",
      ],
      [
        "W2: tf.randomNormal([numHiddens, numOutputs], 0, sigma, 'float32', seed + 2),",
        "W2: tf.randomNormal([numHiddens, numOutputs], 0, sigma * sigma, 'float32', seed + 2),",
      ],
    ],
  },
  {
    name: 'sigma-zero-refused',
    why: 'asks for sigma > 0, refusing sigma = 0, which the task allows (weights of 0)',
    replace: [['if (!(sigma >= 0))', 'if (!(sigma > 0))']],
  },
  {
    name: 'one-unit-refused',
    why: 'asks for at least two units per layer',
    replace: [['if (!Number.isInteger(n) || n < 1)', 'if (!Number.isInteger(n) || n < 2)']],
  },
  {
    name: 'hidden-size-only',
    why: 'checks only numHiddens, so 0 inputs or outputs make empty weight matrices without a word',
    replace: [
      [
        "  for (const [name, n] of [\n    ['numInputs', numInputs],\n    ['numHiddens', numHiddens],\n    ['numOutputs', numOutputs],\n  ] as const) {",
        "  for (const [name, n] of [['numHiddens', numHiddens]] as const) {",
      ],
    ],
  },
  {
    name: 'fraction-accepted',
    why: 'checks n < 1 but not that a layer size is an integer, so 1.5 units pass',
    replace: [['if (!Number.isInteger(n) || n < 1)', 'if (n < 1)']],
  },
  {
    name: 'no-seed-check',
    why: 'accepts a negative seed, so seed -1 draws W1 with the seed 0 that tfjs ignores',
    replace: [
      [
        '  if (!Number.isInteger(seed) || seed < 0)\n    throw new HyperparameterError(`seed must be a non-negative integer, got ${seed}`);\n',
        '',
      ],
    ],
  },
  {
    name: 'collapse-disposes-params',
    why: "disposes the MLP's parameters once they are collapsed into one layer, as if it replaced them, though they belong to the caller",
    replace: [
      [
        '  return tf.tidy(() => ({\n    W: params.W1.matMul(params.W2) as tf.Tensor2D,',
        '  const one = tf.tidy(() => ({\n    W: params.W1.matMul(params.W2) as tf.Tensor2D,',
      ],
      [
        '  }));\n  // END SOLUTION\n}\n',
        '  }));\n  tf.dispose([params.W1, params.b1, params.W2, params.b2]);\n  return one;\n  // END SOLUTION\n}\n',
      ],
    ],
  },
] satisfies Mutant[];
