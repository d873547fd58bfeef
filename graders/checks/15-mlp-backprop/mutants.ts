import type { Mutant } from '../../authoring/mutants';

export default [
  {
    name: 'mean-loss',
    why: 'returns the mean loss of the batch instead of one loss per example',
    replace: [
      [
        'return logSumExp.sub(O.mul(tf.oneHot(y, O.shape[1])).sum(1)) as tf.Tensor1D;',
        'return logSumExp.sub(O.mul(tf.oneHot(y, O.shape[1])).sum(1)).mean() as tf.Tensor1D;',
      ],
    ],
  },
  {
    name: 'softmax-without-onehot',
    why: "takes the output gradient to be softmax(O), forgetting to subtract the true class's one-hot",
    replace: [
      [
        'const dO = softmax(O).sub(tf.oneHot(y, O.shape[1])).mul(dLoss.expandDims(1)) as tf.Tensor2D;',
        'const dO = softmax(O).mul(dLoss.expandDims(1)) as tf.Tensor2D;',
      ],
    ],
  },
  {
    name: 'upstream-ignored',
    why: 'ignores the gradient arriving from above, as if every example had dLoss = 1',
    replace: [
      [
        'const dO = softmax(O).sub(tf.oneHot(y, O.shape[1])).mul(dLoss.expandDims(1)) as tf.Tensor2D;',
        'const dO = softmax(O).sub(tf.oneHot(y, O.shape[1])) as tf.Tensor2D;',
      ],
    ],
  },
  {
    name: 'relu-mask-missing',
    why: 'passes the hidden gradient through ReLU unchanged, forgetting ReLU′(Z)',
    replace: [['const dZ = dH.mul(reluGrad(Z)) as tf.Tensor2D;', 'const dZ = dH as tf.Tensor2D;']],
  },
  {
    name: 'bias-gradient-mean',
    why: 'averages the output gradient over the examples for db2 instead of summing it',
    replace: [['db2: dO.sum(0) as tf.Tensor1D,', 'db2: dO.mean(0) as tf.Tensor1D,']],
  },
  {
    name: 'dW2-from-pre-activation',
    why: 'computes dW2 from Z, the hidden layer before ReLU, instead of H',
    replace: [['dW2: H.transpose().matMul(dO) as tf.Tensor2D,', 'dW2: Z.transpose().matMul(dO) as tf.Tensor2D,']],
  },
  {
    name: 'deep-no-activation-derivative',
    why: "forgets φ′(Z_l) in the deep stack, so sigmoid's factor 1/4 per layer never shrinks the gradient",
    replace: [['const dZ = delta.mul(fGrad(Zs[l]!)) as tf.Tensor2D;', 'const dZ = delta;']],
  },
  {
    name: 'deep-weight-gradient-from-output',
    why: "takes each layer's weight gradient from its output H_l instead of its input H_{l−1}",
    replace: [
      [
        'dWs.unshift(Hs[l]!.transpose().matMul(dZ) as tf.Tensor2D);',
        'dWs.unshift(Hs[l + 1]!.transpose().matMul(dZ) as tf.Tensor2D);',
      ],
    ],
  },
  {
    name: 'unknown-activation-is-identity',
    why: 'treats an activation name it does not know as no activation, instead of saying so',
    replace: [
      [
        '  }[activation];\n  if (phi === undefined)\n    throw new HyperparameterError(`unknown activation "${activation}": use sigmoid, relu or identity`);\n',
        '  }[activation] ?? [(z: tf.Tensor) => z, (z: tf.Tensor) => tf.onesLike(z)];\n',
      ],
    ],
  },
  {
    name: 'no-tidy',
    why: 'computes the forward pass of mlpLoss without tf.tidy, so its intermediates are never disposed',
    replace: [
      ['  return tf.tidy(() => {\n    const O = relu(', '  {\n    const O = relu('],
      [
        '    return logSumExp.sub(O.mul(tf.oneHot(y, O.shape[1])).sum(1)) as tf.Tensor1D;\n  });',
        '    return logSumExp.sub(O.mul(tf.oneHot(y, O.shape[1])).sum(1)) as tf.Tensor1D;\n  }',
      ],
    ],
  },
] satisfies Mutant[];
