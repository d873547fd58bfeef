import type { Mutant } from '../../authoring/mutants';

export default [
  {
    name: 'per-tensor',
    why: "clips each gradient tensor by its own norm, which changes the update's direction",
    replace: [
      [
        'return { grads: tf.tidy(() => grads.map((g) => g.mul(theta / norm))), norm };',
        'return { grads: tf.tidy(() => grads.map((g) => g.mul(tf.minimum(1, tf.div(theta, g.norm()))))), norm };',
      ],
    ],
  },
  {
    name: 'clip-by-value',
    why: 'clips every entry to [−θ, θ] instead of rescaling the whole gradient',
    replace: [
      [
        'return { grads: tf.tidy(() => grads.map((g) => g.mul(theta / norm))), norm };',
        'return { grads: tf.tidy(() => grads.map((g) => g.clipByValue(-theta, theta))), norm };',
      ],
    ],
  },
  {
    name: 'always-rescale',
    why: 'rescales to norm θ even when the norm is already below θ, which blows small gradients up',
    replace: [['  if (norm <= theta) return { grads: grads.map((g) => g.clone()), norm };\n', '']],
  },
  {
    name: 'squared-norm',
    why: 'forgets the square root, comparing θ with the sum of squares',
    replace: [
      [
        '  const norm = tf.tidy(\n    () =>\n      tf\n        .addN(grads.map((g) => g.square().sum()))\n        .sqrt()\n        .dataSync()[0]!,\n  );\n',
        '  const norm = tf.tidy(() => tf.addN(grads.map((g) => g.square().sum())).dataSync()[0]!);\n',
      ],
    ],
  },
  {
    name: 'factor-inverted',
    why: 'scales by ‖g‖ / θ instead of θ / ‖g‖',
    replace: [['g.mul(theta / norm)', 'g.mul(norm / theta)']],
  },
  {
    name: 'norm-after-clipping',
    why: 'reports the norm after clipping (at most θ) instead of the one before',
    replace: [
      [
        'return { grads: tf.tidy(() => grads.map((g) => g.mul(theta / norm))), norm };',
        'return { grads: tf.tidy(() => grads.map((g) => g.mul(theta / norm))), norm: theta };',
      ],
    ],
  },
  {
    name: 'no-theta-check',
    why: 'accepts θ = 0, which zeroes every gradient',
    replace: [
      [
        '  if (!(theta > 0)) throw new HyperparameterError(`the clipping threshold theta must be > 0, got ${theta}`);\n',
        '',
      ],
    ],
  },
  {
    name: 'plain-error',
    why: "throws a plain Error instead of the course's HyperparameterError",
    replace: [['if (!(theta > 0)) throw new HyperparameterError(', 'if (!(theta > 0)) throw new Error(']],
  },
  {
    name: 'epsilon-in-factor',
    why: "adds PyTorch's 1e-6 to the norm, θ / (‖g‖ + 1e-6), which d2l's formula does not have: small gradients are clipped too much",
    replace: [['g.mul(theta / norm)', 'g.mul(theta / (norm + 1e-6))']],
  },
  {
    name: 'unit-vector-times-length',
    why: 'always divides by the norm and multiplies by min(‖g‖, θ), which is 0 / 0 for a zero gradient',
    replace: [
      ['  if (norm <= theta) return { grads: grads.map((g) => g.clone()), norm };\n', ''],
      ['g.mul(theta / norm)', 'g.div(norm).mul(Math.min(norm, theta))'],
    ],
  },
  {
    name: 'theta-nan-accepted',
    why: 'tests theta <= 0, which NaN passes, so every gradient becomes NaN',
    replace: [['if (!(theta > 0)) throw', 'if (theta <= 0) throw']],
  },
  {
    name: 'below-theta-returns-inputs',
    why: "returns the caller's gradient tensors themselves when nothing needs clipping, so disposing the result disposes the caller's gradients",
    replace: [
      [
        'if (norm <= theta) return { grads: grads.map((g) => g.clone()), norm };',
        'if (norm <= theta) return { grads, norm };',
      ],
    ],
  },
  {
    name: 'disposes-unclipped',
    why: 'disposes the gradients it was given once the clipped ones are made, though the caller still owns them',
    replace: [
      [
        '  return { grads: tf.tidy(() => grads.map((g) => g.mul(theta / norm))), norm };',
        '  const clipped = tf.tidy(() => grads.map((g) => g.mul(theta / norm)));\n  tf.dispose(grads);\n  return { grads: clipped, norm };',
      ],
    ],
  },
  {
    name: 'no-tidy',
    why: 'computes the global norm without tf.tidy, so the squares and their sum are never disposed',
    replace: [
      [
        '  const norm = tf.tidy(\n    () =>\n      tf\n        .addN(grads.map((g) => g.square().sum()))\n        .sqrt()\n        .dataSync()[0]!,\n  );\n',
        '  const norm = tf\n    .addN(grads.map((g) => g.square().sum()))\n    .sqrt()\n    .dataSync()[0]!;\n',
      ],
    ],
  },
] satisfies Mutant[];
