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
    replace: [
      ['  if (!(lr >= 0)) throw new HyperparameterError(`the learning rate lr must be >= 0, got ${lr}`);\n', ''],
    ],
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
