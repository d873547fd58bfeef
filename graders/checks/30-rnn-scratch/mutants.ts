import type { Mutant } from '../../authoring/mutants';

export default [
  {
    name: 'weights-not-scaled',
    why: "draws the weights from N(0, 1), forgetting d2l's factor 0.01",
    replace: [
      [
        "tf.randomNormal<tf.Rank.R2>(shape, 0, 0.01, 'float32', seed + k)",
        "tf.randomNormal<tf.Rank.R2>(shape, 0, 1, 'float32', seed + k)",
      ],
    ],
  },
  {
    name: 'random-biases',
    why: 'draws the hidden bias from N(0, 0.01²) like the weights instead of starting it at zero',
    replace: [
      ['    b_h: tf.zeros([numHiddens]),\n', "    b_h: tf.randomNormal([numHiddens], 0, 0.01, 'float32', seed + 4),\n"],
    ],
  },
  {
    name: 'unseeded-weights',
    why: 'draws the weights without the seed',
    replace: [
      [
        "tf.randomNormal<tf.Rank.R2>(shape, 0, 0.01, 'float32', seed + k)",
        "tf.randomNormal<tf.Rank.R2>(shape, 0, 0.01, 'float32')",
      ],
    ],
  },
  {
    name: 'state-not-in-a-list',
    why: 'returns the hidden state itself rather than a list holding it',
    replace: [
      [
        '  return [tf.zeros([batchSize, numHiddens])];',
        '  return tf.zeros([batchSize, numHiddens]) as unknown as [tf.Tensor2D];',
      ],
    ],
  },
  {
    name: 'no-recurrence',
    why: 'forgets H_{t-1} W_hh, so each step sees only its own input',
    replace: [['H = tf.tanh(X.matMul(W_xh).add(H.matMul(W_hh)).add(b_h));', 'H = tf.tanh(X.matMul(W_xh).add(b_h));']],
  },
  {
    name: 'w-hh-transposed',
    why: 'multiplies the hidden state by W_hh transposed',
    replace: [['H.matMul(W_hh)', 'H.matMul(W_hh, false, true)']],
  },
  {
    name: 'sigmoid-activation',
    why: 'uses the sigmoid instead of tanh',
    replace: [['H = tf.tanh(X.matMul(W_xh)', 'H = tf.sigmoid(X.matMul(W_xh)']],
  },
  {
    name: 'output-from-old-state',
    why: 'computes O_t from H_{t-1} instead of H_t',
    replace: [
      [
        '      H = tf.tanh(X.matMul(W_xh).add(H.matMul(W_hh)).add(b_h));\n      outputs.push(H.matMul(W_hq).add(b_q));',
        '      outputs.push(H.matMul(W_hq).add(b_q));\n      H = tf.tanh(X.matMul(W_xh).add(H.matMul(W_hh)).add(b_h));',
      ],
    ],
  },
  {
    name: 'batch-major-outputs',
    why: 'stacks the outputs example by example ([n T, q]) instead of in time order',
    replace: [
      [
        'return { Y: tf.concat(outputs, 0), state: [H] as [tf.Tensor2D] };',
        'return { Y: tf.stack(outputs, 1).reshape([-1, W_hq.shape[1]]) as tf.Tensor2D, state: [H] as [tf.Tensor2D] };',
      ],
    ],
  },
  {
    name: 'returns-initial-state',
    why: 'returns the state it was given instead of H_T',
    replace: [
      [
        'return { Y: tf.concat(outputs, 0), state: [H] as [tf.Tensor2D] };',
        'return { Y: tf.concat(outputs, 0), state: [state[0]!.clone()] as [tf.Tensor2D] };',
      ],
    ],
  },
  {
    name: 'truncated-bptt',
    why: 'detaches the hidden state at every step (copies its values), so no gradient flows back through time',
    replace: [
      [
        '      outputs.push(H.matMul(W_hq).add(b_q));\n',
        '      outputs.push(H.matMul(W_hq).add(b_q));\n      H = tf.tensor2d(H.arraySync() as number[][]);\n',
      ],
    ],
  },
  {
    name: 'no-tidy',
    why: 'runs the loop without tf.tidy, so the intermediate tensors of every step are never freed',
    replace: [
      ['  return tf.tidy(() => {\n    let H = state[0]!;', '  return (() => {\n    let H = state[0]!;'],
      [
        '    return { Y: tf.concat(outputs, 0), state: [H] as [tf.Tensor2D] };\n  });',
        '    return { Y: tf.concat(outputs, 0), state: [H] as [tf.Tensor2D] };\n  })();',
      ],
    ],
  },
  {
    name: 'tanh-written-out',
    why: 'writes tanh out as (e^{2a} − 1) / (e^{2a} + 1), which is NaN once e^{2a} overflows float32 (a > 44)',
    replace: [
      [
        '      H = tf.tanh(X.matMul(W_xh).add(H.matMul(W_hh)).add(b_h));\n',
        '      const e = tf.exp(X.matMul(W_xh).add(H.matMul(W_hh)).add(b_h).mul(2));\n      H = e.sub(1).div(e.add(1));\n',
      ],
    ],
  },
  {
    name: 'tanh-as-one-minus-reciprocal',
    why: 'writes tanh as 1 − 2 / (e^{2a} + 1): its value saturates correctly, but its gradient is 0 · ∞ = NaN once e^{2a} overflows',
    replace: [
      [
        '      H = tf.tanh(X.matMul(W_xh).add(H.matMul(W_hh)).add(b_h));\n',
        '      H = tf.sub(1, tf.div(2, tf.exp(X.matMul(W_xh).add(H.matMul(W_hh)).add(b_h).mul(2)).add(1)));\n',
      ],
    ],
  },
  {
    name: 'seeds-from-zero',
    why: 'counts the seeds from seed + 0, so getParams(V, h, 0) draws W_xh unseeded (tfjs ignores a seed of 0)',
    replace: [
      ['W_xh: normal([vocabSize, numHiddens], 1),', 'W_xh: normal([vocabSize, numHiddens], 0),'],
      ['W_hh: normal([numHiddens, numHiddens], 2),', 'W_hh: normal([numHiddens, numHiddens], 1),'],
      ['W_hq: normal([numHiddens, vocabSize], 3),', 'W_hq: normal([numHiddens, vocabSize], 2),'],
    ],
  },
  {
    name: 'output-weights-share-a-seed',
    why: "draws W_hq with W_xh's seed (a copied line), so the two start with the same values",
    replace: [['W_hq: normal([numHiddens, vocabSize], 3),', 'W_hq: normal([numHiddens, vocabSize], 1),']],
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
    why: 'initRnnState makes a state of 0 examples or 0 units without complaint',
    replace: [
      [
        "  for (const [name, v] of [\n    ['batchSize', batchSize],\n    ['numHiddens', numHiddens],\n  ] as const)\n    if (!Number.isInteger(v) || v < 1) throw new HyperparameterError(`${name} must be a whole number >= 1, got ${v}`);\n",
        '',
      ],
    ],
  },
] satisfies Mutant[];
