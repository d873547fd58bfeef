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
    replace: [
      [
        "    add('<unk>');\n    for (const token of reservedTokens) add(token);\n",
        "    for (const token of reservedTokens) add(token);\n    add('<unk>');\n",
      ],
    ],
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
    why: 'adds every kept token of the corpus without looking it up, so a reserved token that also occurs in the corpus gets a second index',
    replace: [
      [
        '      if (freq < minFreq) break;\n      add(token);\n',
        '      if (freq < minFreq) break;\n      this.tokenToIdx.set(token, this.idxToToken.length);\n      this.idxToToken.push(token);\n',
      ],
    ],
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
  {
    name: 'unk-in-corpus-added-again',
    why: 'skips the reserved tokens when adding the corpus’s (reservedTokens.includes), so a <unk> occurring in the corpus gets a second index',
    replace: [
      [
        '    for (const [token, freq] of this.tokenFreqs) {\n      if (freq < minFreq) break;\n      add(token);\n',
        '    for (const [token, freq] of this.tokenFreqs) {\n      if (freq < minFreq) break;\n      if (reservedTokens.includes(token)) continue;\n      this.tokenToIdx.set(token, this.idxToToken.length);\n      this.idxToToken.push(token);\n',
      ],
    ],
  },
  {
    name: 'reserved-not-deduplicated',
    why: "starts the vocabulary as ['<unk>', ...reservedTokens], so <unk> or a reserved token listed twice takes two indices",
    replace: [
      [
        "    add('<unk>');\n    for (const token of reservedTokens) add(token);\n",
        "    this.idxToToken.push('<unk>', ...reservedTokens);\n    this.idxToToken.forEach((token, i) => this.tokenToIdx.set(token, i));\n",
      ],
    ],
  },
  {
    name: 'object-counter',
    why: 'counts tokens in a plain object, whose integer-like keys (“2”, “10”) come first whatever the order they were seen in, and which has no own “__proto__” key',
    replace: [
      [
        '  const counts = new Map<string, number>();\n  for (const line of tokens) {\n    for (const token of Array.isArray(line) ? line : [line]) counts.set(token, (counts.get(token) ?? 0) + 1);\n  }\n  return counts;',
        '  const counts: Record<string, number> = {};\n  for (const line of tokens) {\n    for (const token of Array.isArray(line) ? line : [line]) counts[token] = (counts[token] ?? 0) + 1;\n  }\n  return new Map(Object.entries(counts));',
      ],
    ],
  },
  {
    name: 'empty-lines-not-empty',
    why: 'checks tokens.length for an empty corpus, so [[]] (one line, no token) gets through and fails on tokenFreqs[0] with a TypeError',
    replace: [['    if (counts.size === 0) throw', '    if (tokens.length === 0) throw']],
  },
  {
    name: 'min-freq-edge-rejected',
    why: 'throws EmptyVocabularyError when minFreq equals the largest count (<=), though that token is kept',
    replace: [['    if (this.tokenFreqs[0]![1] < minFreq) {', '    if (this.tokenFreqs[0]![1] <= minFreq) {']],
  },
  {
    name: 'unk-pushed-into-reserved',
    why: "puts <unk> at the front of the caller's reservedTokens (unshift) and builds from that array",
    replace: [
      [
        "    add('<unk>');\n    for (const token of reservedTokens) add(token);\n",
        "    reservedTokens.unshift('<unk>');\n    for (const token of reservedTokens) add(token);\n",
      ],
    ],
  },
  {
    name: 'flattens-corpus-in-place',
    why: "flattens a corpus of lines in place (tokens.splice(0, n, ...tokens.flat())), changing the caller's array",
    replace: [
      [
        '  const counts = new Map<string, number>();\n  for (const line of tokens) {',
        '  if (tokens.some(Array.isArray)) tokens.splice(0, tokens.length, ...(tokens as string[][]).flat());\n  const counts = new Map<string, number>();\n  for (const line of tokens) {',
      ],
    ],
  },
] satisfies Mutant[];
