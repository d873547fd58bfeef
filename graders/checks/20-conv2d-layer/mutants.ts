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
  {
    name: 'bias-never-updated',
    why: 'steps the kernel only and keeps the initial bias, as d2l’s loop (which learns the kernel alone) does',
    replace: [['bias.sub(grads[1]!.mul(config.lr))', 'bias.clone()']],
  },
  {
    name: 'loss-after-step',
    why: 'records the loss of the updated parameters (after the step) instead of the loss the step was taken from',
    replace: [
      [
        '    losses.push(l.dataSync()[0]!);\n',
        '    losses.push(tf.tidy(() => loss(w1 as tf.Tensor, b1 as tf.Tensor).dataSync()[0]!));\n',
      ],
    ],
  },
  {
    name: 'bias-from-updated-kernel',
    why: 'steps the kernel, then takes the bias’s gradient at the new kernel (two tf.grad calls one after the other) instead of both from the same parameters',
    replace: [
      [
        '      return [weight.sub(grads[0]!.mul(config.lr)), bias.sub(grads[1]!.mul(config.lr)), value];',
        '      const w = weight.sub(grads[0]!.mul(config.lr));\n      const gb = tf.grad((b: tf.Tensor) => loss(w, b))(bias);\n      return [w, bias.sub(gb.mul(config.lr)), value];',
      ],
    ],
  },
  {
    name: 'init-seed-unshifted',
    why: 'seeds the kernel with seed instead of the stated seed + 1 (harmless for tf.randomUniform, but another draw than the task’s)',
    replace: [
      [
        "tf.randomUniform(kernelSize, 0, 1, 'float32', seed + 1)",
        "tf.randomUniform(kernelSize, 0, 1, 'float32', seed)",
      ],
    ],
  },
  {
    name: 'zero-lr-accepted',
    why: 'rejects only negative learning rates, so lr = 0 trains nothing without a word',
    replace: [['if (!(config.lr > 0))', 'if (config.lr < 0)']],
  },
  {
    name: 'zero-epochs-rejected',
    why: 'rejects numEpochs = 0, which is valid (no step: the initial parameters)',
    replace: [['config.numEpochs < 0)', 'config.numEpochs < 1)']],
  },
  {
    name: 'fractional-epochs-accepted',
    why: 'checks only that numEpochs is not negative, so 1.5 epochs silently runs 2',
    replace: [['if (!Number.isInteger(config.numEpochs) || config.numEpochs < 0)', 'if (config.numEpochs < 0)']],
  },
  {
    name: 'kernel-size-unchecked',
    why: 'draws a kernel of any kernelSize, so [0, 2] gives an empty kernel instead of an error',
    replace: [['    if (!Number.isInteger(k) || k < 1)\n', '    if (k < 0)\n']],
  },
  {
    name: 'kernel-fits-exclusive',
    why: 'throws KernelTooLargeError when the kernel is as large as X (>=), though one window fits',
    replace: [['if (kh > X.shape[0] || kw > X.shape[1])', 'if (kh >= X.shape[0] || kw >= X.shape[1])']],
  },
  {
    name: 'disposes-data',
    why: 'disposes X and Y when training ends, “they are not needed any more”: they are the caller’s',
    replace: [
      [
        '  return { params: { weight, bias }, losses };\n',
        '  tf.dispose([X, Y]);\n  return { params: { weight, bias }, losses };\n',
      ],
    ],
  },
] satisfies Mutant[];
