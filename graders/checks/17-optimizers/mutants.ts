import type { Mutant } from '../../authoring/mutants';

export default [
  {
    name: 'sgd-ascent',
    why: 'adds the gradient instead of subtracting it',
    replace: [
      [
        'return tf.tidy(() => params.map((p, i) => p.sub(grads[i]!.mul(config.lr))));',
        'return tf.tidy(() => params.map((p, i) => p.add(grads[i]!.mul(config.lr))));',
      ],
    ],
  },
  {
    name: 'momentum-dampened',
    why: 'averages the gradient into the velocity, v ← β v + (1 − β) g, which tfjs and d2l do not',
    replace: [
      [
        'const v = velocities.map((vi, i) => vi.mul(config.momentum).add(grads[i]!));',
        'const v = velocities.map((vi, i) => vi.mul(config.momentum).add(grads[i]!.mul(1 - config.momentum)));',
      ],
    ],
  },
  {
    name: 'momentum-old-velocity',
    why: 'moves the parameters along the previous velocity and updates it afterwards',
    replace: [
      [
        'return { params: params.map((p, i) => p.sub(v[i]!.mul(config.lr))), velocities: v };',
        'return { params: params.map((p, i) => p.sub(velocities[i]!.mul(config.lr))), velocities: v };',
      ],
    ],
  },
  {
    name: 'adam-no-bias-correction',
    why: 'uses m and v directly, so the first steps are far too small or too large',
    replace: [
      ['const mHat = m[i]!.div(1 - beta1 ** t);', 'const mHat = m[i]!;'],
      ['const vHat = v[i]!.div(1 - beta2 ** t);', 'const vHat = v[i]!;'],
    ],
  },
  {
    name: 'adam-step-count-not-advanced',
    why: 'returns the step count it was given, so the bias correction stays that of the first step',
    replace: [
      ['return { params: next, state: { m, v, t } };', 'return { params: next, state: { m, v, t: state.t } };'],
    ],
  },
  {
    name: 'adam-first-moment-of-square',
    why: 'accumulates |g| instead of g² in the second moment',
    replace: [
      ['vi.mul(beta2).add(grads[i]!.square().mul(1 - beta2))', 'vi.mul(beta2).add(grads[i]!.abs().mul(1 - beta2))'],
    ],
  },
  {
    name: 'adam-default-lr-0.01',
    why: "takes 0.01, SGD's usual rate, as Adam's default instead of 0.001",
    replace: [['const { lr = 0.001, beta1 = 0.9,', 'const { lr = 0.01, beta1 = 0.9,']],
  },
  {
    name: 'no-lr-check',
    why: 'accepts a negative learning rate, which climbs the loss',
    replace: [['  if (!(lr > 0)) throw new HyperparameterError(`the learning rate lr must be > 0, got ${lr}`);\n', '']],
  },
  {
    name: 'plain-error',
    why: "throws a plain Error for a decay rate out of range instead of the course's HyperparameterError",
    replace: [
      [
        'if (!(value >= 0 && value < 1)) throw new HyperparameterError(',
        'if (!(value >= 0 && value < 1)) throw new Error(',
      ],
    ],
  },
  {
    name: 'epsilon-inside-sqrt',
    why: 'adds ε under the square root, √(v̂ + ε), so tiny gradients take steps a hundred times too small',
    replace: [
      [
        'return p.sub(mHat.div(vHat.sqrt().add(epsilon)).mul(lr));',
        'return p.sub(mHat.div(vHat.add(epsilon).sqrt()).mul(lr));',
      ],
    ],
  },
  {
    name: 'adam-epsilon-not-corrected',
    why: "folds the bias corrections into the step size, η √(1 − β2ᵗ) / (1 − β1ᵗ) · m / (√v + ε) (Kingma and Ba's 'efficient' form), which moves ε relative to the task's formula",
    replace: [
      [
        'const mHat = m[i]!.div(1 - beta1 ** t);\n      const vHat = v[i]!.div(1 - beta2 ** t);\n      return p.sub(mHat.div(vHat.sqrt().add(epsilon)).mul(lr));',
        'const stepSize = (lr * Math.sqrt(1 - beta2 ** t)) / (1 - beta1 ** t);\n      return p.sub(m[i]!.div(v[i]!.sqrt().add(epsilon)).mul(stepSize));',
      ],
    ],
  },
  {
    name: 'adam-no-epsilon',
    why: 'divides by √v̂ alone, which is 0 / 0 where a gradient has been zero so far',
    replace: [
      ['return p.sub(mHat.div(vHat.sqrt().add(epsilon)).mul(lr));', 'return p.sub(mHat.div(vHat.sqrt()).mul(lr));'],
    ],
  },
  {
    name: 'adam-default-beta2-0.99',
    why: 'takes 0.99 as the default beta2',
    replace: [['beta2 = 0.999, epsilon = 1e-8 } = config;', 'beta2 = 0.99, epsilon = 1e-8 } = config;']],
  },
  {
    name: 'adam-default-epsilon-1e-6',
    why: "takes d2l's 1e-6 as the default epsilon instead of the task's 1e-8",
    replace: [['beta2 = 0.999, epsilon = 1e-8 } = config;', 'beta2 = 0.999, epsilon = 1e-6 } = config;']],
  },
  {
    name: 'lr-zero-accepted',
    why: 'accepts lr = 0, a rate that never moves',
    replace: [['if (!(lr > 0)) throw', 'if (!(lr >= 0)) throw']],
  },
  {
    name: 'negative-rate-accepted',
    why: 'checks only that a decay rate is below 1, so momentum -0.1 flips the velocity every step',
    replace: [['if (!(value >= 0 && value < 1)) throw', 'if (!(value < 1)) throw']],
  },
  {
    name: 'rate-one-accepted',
    why: 'lets a decay rate reach 1, where momentum never forgets and Adam divides by 1 − 1ᵗ = 0',
    replace: [['if (!(value >= 0 && value < 1)) throw', 'if (!(value >= 0 && value <= 1)) throw']],
  },
  {
    name: 'epsilon-unchecked',
    why: 'accepts epsilon = 0',
    replace: [['  if (!(epsilon > 0)) throw new HyperparameterError(`epsilon must be > 0, got ${epsilon}`);\n', '']],
  },
  {
    name: 'step-count-unchecked',
    why: 'accepts t = -1, where the bias correction divides by 1 − β⁰ = 0',
    replace: [
      [
        '  if (!(Number.isInteger(state.t) && state.t >= 0))\n    throw new HyperparameterError(`the step count t must be an integer >= 0, got ${state.t}`);\n',
        '',
      ],
    ],
  },
  {
    name: 'adam-advances-t-in-place',
    why: "counts the step with ++state.t, changing the caller's state object",
    replace: [['  const t = state.t + 1;', '  const t = ++state.t;']],
  },
  {
    name: 'momentum-velocities-in-place',
    why: "writes the new velocities into the caller's array instead of a new one",
    replace: [
      [
        'const v = velocities.map((vi, i) => vi.mul(config.momentum).add(grads[i]!));',
        'const v = velocities;\n    v.forEach((vi, i) => (v[i] = vi.mul(config.momentum).add(grads[i]!)));',
      ],
    ],
  },
  {
    name: 'sgd-disposes-gradients',
    why: 'disposes the gradients once they are used, though the caller still owns them',
    replace: [
      [
        '  return tf.tidy(() => params.map((p, i) => p.sub(grads[i]!.mul(config.lr))));',
        '  const next = tf.tidy(() => params.map((p, i) => p.sub(grads[i]!.mul(config.lr))));\n  tf.dispose(grads);\n  return next;',
      ],
    ],
  },
  {
    name: 'no-tidy',
    why: 'computes the SGD step without tf.tidy, so the scaled gradients are never disposed',
    replace: [
      [
        'return tf.tidy(() => params.map((p, i) => p.sub(grads[i]!.mul(config.lr))));',
        'return params.map((p, i) => p.sub(grads[i]!.mul(config.lr)));',
      ],
    ],
  },
] satisfies Mutant[];
