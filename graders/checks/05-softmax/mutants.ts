import type { Mutant } from '../../authoring/mutants';

export default [
  {
    name: 'no-max-shift',
    why: 'exponentiates the raw logits, so exp(1e4) overflows to Infinity and the row becomes NaN',
    replace: [['const shifted = X.sub(X.max(-1, true));', 'const shifted = X;']],
  },
  {
    name: 'global-max',
    why: 'subtracts the maximum of the whole tensor instead of each row, so a row far below it underflows to 0/0',
    replace: [['X.max(-1, true)', 'X.max()']],
  },
  {
    name: 'wrong-axis',
    why: 'normalises over the first axis (columns) instead of the last',
    replace: [
      ['X.max(-1, true)', 'X.max(0, true)'],
      ['e.sum(-1, true)', 'e.sum(0, true)'],
    ],
  },
  {
    name: 'no-exp',
    why: 'divides the logits by their sum without exponentiating',
    replace: [['const e = shifted.exp();', 'const e = X;']],
  },
  {
    name: 'detached',
    why: 'computes the values in plain JavaScript and wraps them in a new tensor, which cuts the gradient',
    replace: [
      [
        'return e.div(e.sum(-1, true));',
        'const p = e.div(e.sum(-1, true));\n    return tf.tensor(p.dataSync(), p.shape);',
      ],
    ],
  },
  {
    name: 'no-tidy',
    why: 'forgets tf.tidy, so the intermediate tensors are never disposed',
    replace: [
      ['return tf.tidy(() => {', '{'],
      ['  });\n  // END SOLUTION', '  }\n  // END SOLUTION'],
    ],
  },
  {
    name: 'disposes-input',
    why: 'frees the logits when done with them (X.dispose()), though they belong to the caller, who may still need them',
    replace: [
      ['    return e.div(e.sum(-1, true));', '    const p = e.div(e.sum(-1, true));\n    X.dispose();\n    return p;'],
    ],
  },
  {
    name: 'mean-shift',
    why: "subtracts each row's mean instead of its maximum: fine for a row of similar logits, exp(1e4) = Infinity for a row that mixes 1e4 and -1e4",
    replace: [['const shifted = X.sub(X.max(-1, true));', 'const shifted = X.sub(X.mean(-1, true));']],
  },
  {
    name: 'min-shift',
    why: "subtracts each row's minimum, which makes every exponent >= 0: the largest one overflows when a row spans 2e4",
    replace: [['const shifted = X.sub(X.max(-1, true));', 'const shifted = X.sub(X.min(-1, true));']],
  },
  {
    name: 'first-logit-shift',
    why: 'subtracts the first logit of each row, which is only the maximum by chance',
    replace: [
      [
        'const shifted = X.sub(X.max(-1, true));',
        'const shifted = X.sub(X.slice(new Array(X.rank).fill(0), [...X.shape.slice(0, -1), 1]));',
      ],
    ],
  },
] satisfies Mutant[];
