import type { Mutant } from '../../authoring/mutants';

export default [
  {
    name: 'no-bias',
    why: 'forgets to add the bias in the forward pass',
    replace: [
      [
        'return tf.tidy(() => corr2d(X, params.weight).add(params.bias));',
        'return tf.tidy(() => corr2d(X, params.weight));',
      ],
    ],
  },
  {
    name: 'zero-init',
    why: 'starts the kernel at zero instead of drawing it from U[0, 1)',
    replace: [["weight: tf.randomUniform(kernelSize, 0, 1, 'float32', seed + 1)", 'weight: tf.zeros(kernelSize)']],
  },
  {
    name: 'unseeded-init',
    why: 'draws the kernel without the seed, so runs cannot be repeated',
    replace: [
      ["tf.randomUniform(kernelSize, 0, 1, 'float32', seed + 1)", "tf.randomUniform(kernelSize, 0, 1, 'float32')"],
    ],
  },
  {
    name: 'gradient-ascent',
    why: 'adds the gradient to the parameters instead of subtracting it',
    replace: [
      [
        'return [weight.sub(grads[0]!.mul(config.lr)), bias.sub(grads[1]!.mul(config.lr)), value];',
        'return [weight.add(grads[0]!.mul(config.lr)), bias.add(grads[1]!.mul(config.lr)), value];',
      ],
    ],
  },
  {
    name: 'mean-loss',
    why: "averages the squared error over the 42 outputs instead of summing it as d2l does, so each step is 42 times too small at d2l's learning rate",
    replace: [['      .sum() as tf.Scalar;\n', '      .mean() as tf.Scalar;\n']],
  },
  {
    name: 'no-tidy',
    why: 'forgets tf.tidy in conv2dForward, so the correlation before the bias is never disposed',
    replace: [
      [
        'return tf.tidy(() => corr2d(X, params.weight).add(params.bias));',
        'return corr2d(X, params.weight).add(params.bias);',
      ],
    ],
  },
] satisfies Mutant[];
