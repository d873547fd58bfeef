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
        '  if (!Object.hasOwn(phis, activation))\n    throw new HyperparameterError(`unknown activation "${activation}": use sigmoid, relu or identity`);\n  const [f, fGrad] = phis[activation];',
        '  const [f, fGrad] = Object.hasOwn(phis, activation) ? phis[activation] : phis.identity;',
      ],
    ],
  },
  {
    name: 'activation-looked-up-through-prototype',
    why: "tests phis[activation] === undefined, so 'constructor' finds Object's constructor and fails later with a TypeError",
    replace: [['if (!Object.hasOwn(phis, activation))', 'if (phis[activation] === undefined)']],
  },
  {
    name: 'loss-without-max-shift',
    why: 'computes log Σ exp(O) directly, which overflows for a logit of 97 and underflows to log 0 for a row of -122 to -150',
    replace: [
      [
        '    const m = O.max(1, true);\n    const logSumExp = O.sub(m)\n      .exp()\n      .sum(1)\n      .log()\n      .add(m.squeeze([1]));',
        '    const logSumExp = O.exp().sum(1).log();',
      ],
    ],
  },
  {
    name: 'loss-shift-by-row-mean',
    why: "takes out each row's mean instead of its maximum, which still overflows when one row mixes +97 and -105",
    replace: [['    const m = O.max(1, true);', '    const m = O.mean(1, true);']],
  },
  {
    name: 'loss-shift-by-batch-max',
    why: 'takes out the largest logit of the whole batch, so a row far below it underflows to log 0',
    replace: [['    const m = O.max(1, true);', '    const m = O.max().reshape([1, 1]).tile([O.shape[0], 1]);']],
  },
  {
    name: 'own-softmax-unstable',
    why: 'writes softmax as exp(O) / Σ exp(O) without taking out the maximum: Inf / Inf = NaN for a logit of 97',
    replace: [['const dO = softmax(O).sub(', 'const dO = O.exp().div(O.exp().sum(1, true)).sub(']],
  },
  {
    name: 'sigmoid-derivative-overflows',
    why: 'writes σ′(z) as e^(−z) / (1 + e^(−z))², which is Inf / Inf = NaN where z = −100',
    replace: [
      [
        '    sigmoid: [sigmoid, sigmoidGrad],',
        '    sigmoid: [sigmoid, (z: tf.Tensor) => tf.exp(z.neg()).div(tf.exp(z.neg()).add(1).square())],',
      ],
    ],
  },
  {
    name: 'layers-reversed-in-place',
    why: "walks the layers from the top with Ws.reverse(), which reverses the caller's array",
    replace: [
      [
        '    for (let l = Ws.length - 1; l >= 0; l--) {',
        '    for (const [k, W] of Ws.reverse().entries()) {\n      const l = Ws.length - 1 - k;',
      ],
      [
        '      delta = dZ.matMul(Ws[l]!.transpose()) as tf.Tensor2D;',
        '      delta = dZ.matMul(W.transpose()) as tf.Tensor2D;',
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
