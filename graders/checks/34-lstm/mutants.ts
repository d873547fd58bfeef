import type { Mutant } from '../../authoring/mutants';

export default [
  {
    name: 'forget-input-swapped',
    why: 'multiplies the old cell by the input gate and the candidate by the forget gate',
    replace: [
      [
        'const C1 = F.mul(C).add(I.mul(candidate)) as tf.Tensor2D;',
        'const C1 = I.mul(C).add(F.mul(candidate)) as tf.Tensor2D;',
      ],
    ],
  },
  {
    name: 'no-tanh-on-cell',
    why: "takes H' = O ⊙ C', without the tanh that keeps it in (−1, 1)",
    replace: [['return { H: O.mul(tf.tanh(C1)), C: C1 };', 'return { H: O.mul(C1), C: C1 };']],
  },
  {
    name: 'hidden-from-old-cell',
    why: "computes H' from the old memory cell C instead of the new C'",
    replace: [['return { H: O.mul(tf.tanh(C1)), C: C1 };', 'return { H: O.mul(tf.tanh(C)), C: C1 };']],
  },
  {
    name: 'tanh-output-gate',
    why: 'squashes the output gate with tanh instead of the sigmoid',
    replace: [['const O = tf.sigmoid(', 'const O = tf.tanh(']],
  },
  {
    name: 'sigmoid-candidate',
    why: 'squashes the candidate memory cell with the sigmoid instead of tanh',
    replace: [['const candidate = tf.tanh(', 'const candidate = tf.sigmoid(']],
  },
  {
    name: 'forget-gate-from-input-weights',
    why: "computes the forget gate with the input gate's hidden weights W_hi",
    replace: [['H.matMul(p.W_hf)', 'H.matMul(p.W_hi)']],
  },
  {
    name: 'state-order-swapped',
    why: 'returns the final state as [C, H]',
    replace: [
      [
        'return { Y: tf.concat(outputs, 0), state: [H, C] as [tf.Tensor2D, tf.Tensor2D] };',
        'return { Y: tf.concat(outputs, 0), state: [C, H] as [tf.Tensor2D, tf.Tensor2D] };',
      ],
    ],
  },
  {
    name: 'shared-seed',
    why: 'draws every weight matrix with the same seed',
    replace: [
      [
        "tf.randomNormal<tf.Rank.R2>(shape, 0, 0.01, 'float32', ++k)",
        "tf.randomNormal<tf.Rank.R2>(shape, 0, 0.01, 'float32', k + 1)",
      ],
    ],
  },
  {
    name: 'forget-bias-ones',
    why: "starts the forget-gate bias at 1 (a common trick) instead of d2l's zeros",
    replace: [
      [
        '  const [W_xf, W_hf, b_f] = three();\n',
        '  const [W_xf, W_hf] = three();\n  const b_f = tf.ones<tf.Rank.R1>([numHiddens]);\n',
      ],
    ],
  },
  {
    name: 'one-state-tensor',
    why: 'keeps a single zero tensor as the state, as for the GRU',
    replace: [
      [
        '  return [tf.zeros([batchSize, numHiddens]), tf.zeros([batchSize, numHiddens])];',
        '  return [tf.zeros([batchSize, numHiddens])] as unknown as [tf.Tensor2D, tf.Tensor2D];',
      ],
    ],
  },
  {
    name: 'detached-cell',
    why: 'copies the memory cell out of the graph at each step, so no gradient flows back through it',
    replace: [
      [
        '      ({ H, C } = lstmCell(X, H, C, params));\n',
        '      ({ H, C } = lstmCell(X, H, C, params));\n      C = tf.tensor2d(C.arraySync() as number[][]);\n',
      ],
    ],
  },
  {
    name: 'sigmoid-written-out',
    why: 'writes the gates as e^a / (1 + e^a), which is NaN once e^a overflows float32 (a > 88)',
    replace: [
      [
        '    const I = tf.sigmoid(X.matMul(p.W_xi).add(H.matMul(p.W_hi)).add(p.b_i));\n    const F = tf.sigmoid(X.matMul(p.W_xf).add(H.matMul(p.W_hf)).add(p.b_f));\n    const O = tf.sigmoid(',
        '    const sigmoid = (a: tf.Tensor) => tf.exp(a).div(tf.exp(a).add(1));\n    const I = sigmoid(X.matMul(p.W_xi).add(H.matMul(p.W_hi)).add(p.b_i));\n    const F = sigmoid(X.matMul(p.W_xf).add(H.matMul(p.W_hf)).add(p.b_f));\n    const O = sigmoid(',
      ],
    ],
  },
  {
    name: 'sigmoid-as-reciprocal',
    why: 'writes the gates as 1 / (1 + e^{−a}): right values, but a gradient of 0 · ∞ = NaN once e^{−a} overflows (a < −88)',
    replace: [
      [
        '    const I = tf.sigmoid(X.matMul(p.W_xi).add(H.matMul(p.W_hi)).add(p.b_i));\n    const F = tf.sigmoid(X.matMul(p.W_xf).add(H.matMul(p.W_hf)).add(p.b_f));\n    const O = tf.sigmoid(',
        '    const sigmoid = (a: tf.Tensor) => tf.div(1, tf.add(1, tf.exp(tf.neg(a))));\n    const I = sigmoid(X.matMul(p.W_xi).add(H.matMul(p.W_hi)).add(p.b_i));\n    const F = sigmoid(X.matMul(p.W_xf).add(H.matMul(p.W_hf)).add(p.b_f));\n    const O = sigmoid(',
      ],
    ],
  },
  {
    name: 'seeds-from-zero',
    why: 'counts the seeds from seed + 0 (k++ for ++k), so getLstmParams(V, h, 0) draws W_xi unseeded (tfjs ignores a seed of 0)',
    replace: [
      [
        "tf.randomNormal<tf.Rank.R2>(shape, 0, 0.01, 'float32', ++k)",
        "tf.randomNormal<tf.Rank.R2>(shape, 0, 0.01, 'float32', k++)",
      ],
    ],
  },
  {
    name: 'output-weights-share-a-seed',
    why: "draws W_hq with the first gate's seed, seed + 1, so it starts with W_xi's values",
    replace: [
      [
        'W_hq: normal([numHiddens, vocabSize]),',
        "W_hq: tf.randomNormal([numHiddens, vocabSize], 0, 0.01, 'float32', seed + 1),",
      ],
    ],
  },
  {
    name: 'state-stored-in-place',
    why: "stores H_T and C_T back into the state list it was given and returns that list, changing the caller's state",
    replace: [
      [
        'return { Y: tf.concat(outputs, 0), state: [H, C] as [tf.Tensor2D, tf.Tensor2D] };',
        'state[0] = H;\n    state[1] = C;\n    return { Y: tf.concat(outputs, 0), state: state as [tf.Tensor2D, tf.Tensor2D] };',
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
    why: 'initLstmState makes a state of 0 examples or 0 units without complaint',
    replace: [
      [
        "  for (const [name, v] of [\n    ['batchSize', batchSize],\n    ['numHiddens', numHiddens],\n  ] as const)\n    if (!Number.isInteger(v) || v < 1) throw new HyperparameterError(`${name} must be a whole number >= 1, got ${v}`);\n",
        '',
      ],
    ],
  },
] satisfies Mutant[];
