import type { Mutant } from '../../authoring/mutants';

export default [
  {
    name: 'ties-alphabetical',
    why: 'breaks ties between equal counts in alphabetical order instead of first-seen order',
    replace: [['.sort((a, b) => b[1] - a[1]);', '.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));']],
  },
  {
    name: 'unk-after-reserved',
    why: 'puts the reserved tokens before <unk>, so <unk> is not index 0',
    replace: [["this.idxToToken = ['<unk>', ...reservedTokens];", "this.idxToToken = [...reservedTokens, '<unk>'];"]],
  },
  {
    name: 'ascending-counts',
    why: 'sorts by ascending count',
    replace: [['.sort((a, b) => b[1] - a[1]);', '.sort((a, b) => a[1] - b[1]);']],
  },
  {
    name: 'min-freq-exclusive',
    why: 'drops tokens counted exactly minFreq times (freq <= minFreq)',
    replace: [['if (freq < minFreq) break;', 'if (freq <= minFreq) break;']],
  },
  {
    name: 'reserved-added-twice',
    why: 'adds a reserved token again when it also occurs in the corpus',
    replace: [['if (!this.tokenToIdx.has(token)) {', 'if (token.length > 0) {']],
  },
  {
    name: 'unknown-is-minus-one',
    why: 'maps a token outside the vocabulary to -1 instead of <unk>',
    replace: [['this.tokenToIdx.get(token) ?? this.unk', 'this.tokenToIdx.get(token) ?? -1']],
  },
  {
    name: 'lines-not-flattened',
    why: 'counts only the first token of each line of a list of lines',
    replace: [
      [
        'for (const token of Array.isArray(line) ? line : [line])',
        'for (const token of Array.isArray(line) ? line.slice(0, 1) : [line])',
      ],
    ],
  },
  {
    name: 'silent-empty-vocabulary',
    why: "lets a minFreq above every count through, leaving a vocabulary of <unk> only (d2l's behaviour)",
    replace: [['    if (this.tokenFreqs[0]![1] < minFreq) {', '    if (this.tokenFreqs.length < 0) {']],
  },
  {
    name: 'plain-error-on-empty-corpus',
    why: 'throws a plain Error for an empty corpus',
    replace: [
      [
        "throw new EmptyCorpusError('cannot build a vocabulary from an empty corpus');",
        "throw new Error('cannot build a vocabulary from an empty corpus');",
      ],
    ],
  },
] satisfies Mutant[];
