import type { Mutant } from '../../authoring/mutants';

export default [
  {
    name: 'update-gate-reversed',
    why: 'mixes with 1 − Z on the old state and Z on the candidate, so Z = 1 forgets instead of keeping',
    replace: [
      ['return Z.mul(H).add(tf.sub(1, Z).mul(candidate));', 'return tf.sub(1, Z).mul(H).add(Z.mul(candidate));'],
    ],
  },
  {
    name: 'reset-after-product',
    why: 'applies the reset gate after the product, R ⊙ (H W_hh) (a variant the notes do not use)',
    replace: [['X.matMul(p.W_xh).add(R.mul(H).matMul(p.W_hh))', 'X.matMul(p.W_xh).add(R.mul(H.matMul(p.W_hh)))']],
  },
  {
    name: 'no-reset-gate',
    why: 'forgets the reset gate in the candidate state',
    replace: [['X.matMul(p.W_xh).add(R.mul(H).matMul(p.W_hh))', 'X.matMul(p.W_xh).add(H.matMul(p.W_hh))']],
  },
  {
    name: 'gate-weights-swapped',
    why: "computes the update gate with the reset gate's input weights",
    replace: [['const Z = tf.sigmoid(X.matMul(p.W_xz)', 'const Z = tf.sigmoid(X.matMul(p.W_xr)']],
  },
  {
    name: 'sigmoid-candidate',
    why: 'squashes the candidate with the sigmoid instead of tanh',
    replace: [['const candidate = tf.tanh(', 'const candidate = tf.sigmoid(']],
  },
  {
    name: 'shared-seed',
    why: 'draws every weight matrix with the same seed, so W_hz, W_hr and W_hh are equal',
    replace: [
      [
        "tf.randomNormal<tf.Rank.R2>(shape, 0, 0.01, 'float32', ++k)",
        "tf.randomNormal<tf.Rank.R2>(shape, 0, 0.01, 'float32', k + 1)",
      ],
    ],
  },
  {
    name: 'unit-weights',
    why: 'draws the weights from N(0, 1)',
    replace: [
      [
        "tf.randomNormal<tf.Rank.R2>(shape, 0, 0.01, 'float32', ++k)",
        "tf.randomNormal<tf.Rank.R2>(shape, 0, 1, 'float32', ++k)",
      ],
    ],
  },
  {
    name: 'update-bias-ones',
    why: "starts the update-gate bias at 1 (a common trick) instead of d2l's zeros",
    replace: [
      [
        '  const [W_xz, W_hz, b_z] = three();\n',
        '  const [W_xz, W_hz] = three();\n  const b_z = tf.ones<tf.Rank.R1>([numHiddens]);\n',
      ],
    ],
  },
  {
    name: 'state-not-a-list',
    why: 'returns the hidden state itself rather than a list holding it',
    replace: [
      [
        '  return [tf.zeros([batchSize, numHiddens])];',
        '  return tf.zeros([batchSize, numHiddens]) as unknown as [tf.Tensor2D];',
      ],
    ],
  },
  {
    name: 'output-from-old-state',
    why: 'computes each output from the state before the step',
    replace: [
      [
        '      H = gruCell(X, H, params);\n      outputs.push(H.matMul(params.W_hq).add(params.b_q));',
        '      outputs.push(H.matMul(params.W_hq).add(params.b_q));\n      H = gruCell(X, H, params);',
      ],
    ],
  },
  {
    name: 'detached-state',
    why: 'copies the state out of the graph at each step, so no gradient flows back through time',
    replace: [
      [
        '      H = gruCell(X, H, params);\n',
        '      H = tf.tensor2d(gruCell(X, H, params).arraySync() as number[][]);\n',
      ],
    ],
  },
  {
    name: 'sigmoid-written-out',
    why: 'writes the gates as e^a / (1 + e^a), which is NaN once e^a overflows float32 (a > 88)',
    replace: [
      [
        '    const Z = tf.sigmoid(X.matMul(p.W_xz).add(H.matMul(p.W_hz)).add(p.b_z));\n    const R = tf.sigmoid(',
        '    const sigmoid = (a: tf.Tensor) => tf.exp(a).div(tf.exp(a).add(1));\n    const Z = sigmoid(X.matMul(p.W_xz).add(H.matMul(p.W_hz)).add(p.b_z));\n    const R = sigmoid(',
      ],
    ],
  },
  {
    name: 'sigmoid-as-reciprocal',
    why: 'writes the gates as 1 / (1 + e^{−a}): right values, but a gradient of 0 · ∞ = NaN once e^{−a} overflows (a < −88)',
    replace: [
      [
        '    const Z = tf.sigmoid(X.matMul(p.W_xz).add(H.matMul(p.W_hz)).add(p.b_z));\n    const R = tf.sigmoid(',
        '    const sigmoid = (a: tf.Tensor) => tf.div(1, tf.add(1, tf.exp(tf.neg(a))));\n    const Z = sigmoid(X.matMul(p.W_xz).add(H.matMul(p.W_hz)).add(p.b_z));\n    const R = sigmoid(',
      ],
    ],
  },
  {
    name: 'seeds-from-zero',
    why: 'counts the seeds from seed + 0 (k++ for ++k), so getGruParams(V, h, 0) draws W_xz unseeded (tfjs ignores a seed of 0)',
    replace: [
      [
        "tf.randomNormal<tf.Rank.R2>(shape, 0, 0.01, 'float32', ++k)",
        "tf.randomNormal<tf.Rank.R2>(shape, 0, 0.01, 'float32', k++)",
      ],
    ],
  },
  {
    name: 'output-weights-share-a-seed',
    why: "draws W_hq with the first gate's seed, seed + 1, so it starts with W_xz's values",
    replace: [
      [
        'W_hq: normal([numHiddens, vocabSize]),',
        "W_hq: tf.randomNormal([numHiddens, vocabSize], 0, 0.01, 'float32', seed + 1),",
      ],
    ],
  },
  {
    name: 'input-weights-first',
    why: 'draws the three input weights first (W_xz, W_xr, W_xh, then W_hz, …), not in the order the task states',
    replace: [
      [
        '  const [W_xz, W_hz, b_z] = three();\n  const [W_xr, W_hr, b_r] = three();\n  const [W_xh, W_hh, b_h] = three();\n',
        '  const [W_xz, W_xr, W_xh] = [normal([vocabSize, numHiddens]), normal([vocabSize, numHiddens]), normal([vocabSize, numHiddens])];\n  const [W_hz, W_hr, W_hh] = [normal([numHiddens, numHiddens]), normal([numHiddens, numHiddens]), normal([numHiddens, numHiddens])];\n  const [b_z, b_r, b_h] = [0, 0, 0].map(() => tf.zeros<tf.Rank.R1>([numHiddens]));\n',
      ],
    ],
  },
  {
    name: 'state-stored-in-place',
    why: "stores H_T back into the state list it was given and returns that list, changing the caller's state",
    replace: [
      [
        'return { Y: tf.concat(outputs, 0), state: [H] as [tf.Tensor2D] };',
        'state[0] = H;\n    return { Y: tf.concat(outputs, 0), state: state as [tf.Tensor2D] };',
      ],
    ],
  },
  {
    name: 'seed-minus-one-accepted',
    why: 'rejects seeds below −1 only, so seed −1 draws the first weight with seed + 1 = 0, which tfjs ignores',
    replace: [['if (!Number.isInteger(seed) || seed < 0)', 'if (!Number.isInteger(seed) || seed < -1)']],
  },
  {
    name: 'state-sizes-unchecked',
    why: 'initGruState makes a state of 0 examples or 0 units without complaint',
    replace: [
      [
        "  for (const [name, v] of [\n    ['batchSize', batchSize],\n    ['numHiddens', numHiddens],\n  ] as const)\n    if (!Number.isInteger(v) || v < 1) throw new HyperparameterError(`${name} must be a whole number >= 1, got ${v}`);\n",
        '',
      ],
    ],
  },
] satisfies Mutant[];
