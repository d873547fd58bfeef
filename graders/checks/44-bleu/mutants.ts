import type { Mutant } from '../../authoring/mutants';

export default [
  {
    name: 'no-clipping',
    why: 'counts every predicted n-gram found in the label, however often the label holds it (A A A against A scores p_1 = 1)',
    replace: [['      labelGrams.splice(j, 1);\n', '']],
  },
  {
    name: 'precision-over-label',
    why: "divides the matches by the label's n-grams instead of the prediction's",
    replace: [['  return matches / count;', '  return matches / Math.max(1, labelTokens.length - n + 1);']],
  },
  {
    name: 'precision-over-tokens',
    why: "divides the matches by the prediction's tokens instead of its n-grams (len_pred, not len_pred − n + 1)",
    replace: [['  return matches / count;', '  return matches / predTokens.length;']],
  },
  {
    name: 'penalty-without-min',
    why: 'forgets the min(0, …) of the brevity penalty, so a long prediction is rewarded with a factor above 1',
    replace: [
      [
        'let score = Math.exp(Math.min(0, 1 - label.length / pred.length));',
        'let score = Math.exp(1 - label.length / pred.length);',
      ],
    ],
  },
  {
    name: 'no-brevity-penalty',
    why: 'forgets the brevity penalty, so a short prediction of right words scores 1',
    replace: [['let score = Math.exp(Math.min(0, 1 - label.length / pred.length));', 'let score = 1;']],
  },
  {
    name: 'penalty-inverted',
    why: 'writes the penalty as exp(min(0, 1 − len_pred / len_label))',
    replace: [
      [
        'let score = Math.exp(Math.min(0, 1 - label.length / pred.length));',
        'let score = Math.exp(Math.min(0, 1 - pred.length / label.length));',
      ],
    ],
  },
  {
    name: 'weights-1-over-n',
    why: 'weights p_n by 1/n instead of 1/2^n',
    replace: [
      ['score *= ngramPrecision(pred, label, n) ** (0.5 ** n);', 'score *= ngramPrecision(pred, label, n) ** (1 / n);'],
    ],
  },
  {
    name: 'k-capped-at-length',
    why: 'silently stops at the prediction’s length when k is larger (the loop d2l should have had), instead of the error',
    replace: [
      [
        '  if (pred.length < k)\n    throw new SequenceTooShortError(',
        '  k = Math.min(k, pred.length);\n  if (pred.length < 1)\n    throw new SequenceTooShortError(',
      ],
    ],
  },
  {
    name: 'empty-is-one-token',
    why: "splits the empty prediction into [''] as Python does, scoring it instead of rejecting it",
    replace: [["const pred = predSeq === '' ? [] : predSeq.split(' ');", "const pred = predSeq.split(' ');"]],
  },
  {
    name: 'label-list-reused',
    why: "uses the caller's label list itself as its list of unigrams and crosses matches off it (bleu, working from k down to 1, hides it: only the caller's list is damaged)",
    replace: [
      ['for (let n = 1; n <= k; n++) score *=', 'for (let n = k; n >= 1; n--) score *='],
      [
        "  const labelGrams: string[] = [];\n  for (let i = 0; i + n <= labelTokens.length; i++) labelGrams.push(labelTokens.slice(i, i + n).join(' '));",
        "  const labelGrams: string[] = n === 1 ? labelTokens : [];\n  if (n > 1) for (let i = 0; i + n <= labelTokens.length; i++) labelGrams.push(labelTokens.slice(i, i + n).join(' '));",
      ],
    ],
  },
  {
    name: 'plain-errors',
    why: 'throws plain Errors, which a caller cannot tell from any other failure',
    replace: [
      [
        "import { HyperparameterError, SequenceTooShortError } from 'd2l-ts/reference/errors';",
        'const HyperparameterError = Error;\nconst SequenceTooShortError = Error;',
      ],
    ],
  },
] satisfies Mutant[];
