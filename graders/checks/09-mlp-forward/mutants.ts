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
] satisfies Mutant[];
