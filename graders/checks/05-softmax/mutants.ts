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
] satisfies Mutant[];
