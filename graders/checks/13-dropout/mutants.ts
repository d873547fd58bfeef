import type { Mutant } from '../../authoring/mutants';

export default [
  {
    name: 'not-inverted',
    why: 'drops entries but does not divide the kept ones by 1 - p, so E[out] = (1 - p) x',
    replace: [["return X.mul(mask.cast('float32')).div(1 - p);", "return X.mul(mask.cast('float32'));"]],
  },
  {
    name: 'divides-by-p',
    why: 'divides the kept entries by p instead of 1 - p',
    replace: [["return X.mul(mask.cast('float32')).div(1 - p);", "return X.mul(mask.cast('float32')).div(p);"]],
  },
  {
    name: 'keeps-with-probability-p',
    why: 'keeps an entry when u < p, so p becomes the probability of keeping it',
    replace: [
      [
        "tf.randomUniform(X.shape, 0, 1, 'float32', seed + 1).greater(p);",
        "tf.randomUniform(X.shape, 0, 1, 'float32', seed + 1).less(p);",
      ],
    ],
  },
  {
    name: 'p-one-not-special',
    why: 'divides by 1 - p = 0 when p = 1, which makes 0 / 0 = NaN',
    replace: [['  if (p === 1) return tf.zerosLike(X);\n', '']],
  },
  {
    name: 'drops-in-evaluation',
    why: 'ignores the training flag and drops entries at test time too',
    replace: [['if (!training || p === 0) return X.clone();', 'if (p === 0) return X.clone();']],
  },
  {
    name: 'unseeded',
    why: 'draws the mask without the seed, so the same seed drops other entries every time',
    replace: [
      [
        "tf.randomUniform(X.shape, 0, 1, 'float32', seed + 1).greater(p);",
        "tf.randomUniform(X.shape, 0, 1, 'float32').greater(p);",
      ],
    ],
  },
  {
    name: 'detached',
    why: 'computes the output in plain JavaScript and wraps it in a new tensor, which cuts the gradient',
    replace: [
      [
        "return X.mul(mask.cast('float32')).div(1 - p);",
        "const out = X.mul(mask.cast('float32')).div(1 - p);\n    return tf.tensor(out.dataSync(), out.shape);",
      ],
    ],
  },
  {
    name: 'no-range-check',
    why: 'accepts any p, so p = 1.5 scales the kept entries by -2',
    replace: [
      [
        '  if (!(p >= 0 && p <= 1)) throw new HyperparameterError(`the dropout probability p must be in [0, 1], got ${p}`);\n',
        '',
      ],
    ],
  },
  {
    name: 'plain-error',
    why: "throws a plain Error instead of the course's HyperparameterError",
    replace: [['throw new HyperparameterError(`the dropout probability', 'throw new Error(`the dropout probability']],
  },
  {
    name: 'p-zero-returns-X',
    why: "returns X itself when there is nothing to drop (p = 0 or evaluation), so disposing the result disposes the caller's input",
    replace: [['if (!training || p === 0) return X.clone();', 'if (!training || p === 0) return X;']],
  },
  {
    name: 'disposes-input',
    why: 'frees X once the dropped copy is made, as if the layer owned its input; the caller still needs it',
    replace: [
      [
        "    return X.mul(mask.cast('float32')).div(1 - p);\n  });",
        "    return X.mul(mask.cast('float32')).div(1 - p);\n  });\n  X.dispose();\n  return out;",
      ],
      ['  return tf.tidy(() => {\n    const mask', '  const out = tf.tidy(() => {\n    const mask'],
    ],
  },
  {
    name: 'p-one-zeros-in-evaluation',
    why: 'tests p = 1 before the training flag, so p = 1 gives zeros in evaluation too',
    replace: [
      [
        '  if (!training || p === 0) return X.clone();\n  if (p === 1) return tf.zerosLike(X);',
        '  if (p === 1) return tf.zerosLike(X);\n  if (!training || p === 0) return X.clone();',
      ],
    ],
  },
  {
    name: 'unchecked-in-evaluation',
    why: 'returns X in evaluation before checking p, so p = 1.5 passes unnoticed at test time',
    replace: [
      [
        '  if (!(p >= 0 && p <= 1)) throw new HyperparameterError(`the dropout probability p must be in [0, 1], got ${p}`);\n  if (!training || p === 0) return X.clone();',
        '  if (!training) return X.clone();\n  if (!(p >= 0 && p <= 1)) throw new HyperparameterError(`the dropout probability p must be in [0, 1], got ${p}`);\n  if (p === 0) return X.clone();',
      ],
    ],
  },
  {
    name: 'seed-not-plus-one',
    why: 'seeds the draw with seed instead of the stated seed + 1',
    replace: [
      [
        "tf.randomUniform(X.shape, 0, 1, 'float32', seed + 1).greater(p)",
        "tf.randomUniform(X.shape, 0, 1, 'float32', seed).greater(p)",
      ],
    ],
  },
  {
    name: 'mask-shared-by-rows',
    why: 'draws one mask over the last axis and broadcasts it, so every row drops the same features',
    replace: [
      [
        "tf.randomUniform(X.shape, 0, 1, 'float32', seed + 1).greater(p)",
        "tf.randomUniform([X.shape[X.rank - 1]!], 0, 1, 'float32', seed + 1).greater(p)",
      ],
    ],
  },
  {
    name: 'evaluation-by-default',
    why: 'makes evaluation the default (training = false), so a call without the flag drops nothing',
    replace: [['seed: number, training = true): tf.Tensor {', 'seed: number, training = false): tf.Tensor {']],
  },
  {
    name: 'no-tidy',
    why: 'makes the mask without tf.tidy, so it is never disposed',
    replace: [
      ['  return tf.tidy(() => {\n    const mask', '  {\n    const mask'],
      [
        "    return X.mul(mask.cast('float32')).div(1 - p);\n  });",
        "    return X.mul(mask.cast('float32')).div(1 - p);\n  }",
      ],
    ],
  },
] satisfies Mutant[];
