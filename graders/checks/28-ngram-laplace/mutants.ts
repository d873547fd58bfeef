import type { Mutant } from '../../authoring/mutants';

export default [
  {
    name: 'eps-not-shared',
    why: 'adds ε₁ to every count instead of ε₁/m, so the probabilities no longer sum to 1',
    replace: [
      ['probs.set(x, (c + eps1 / m) / (tokens.length + eps1));', 'probs.set(x, (c + eps1) / (tokens.length + eps1));'],
    ],
  },
  {
    name: 'context-count-from-unigrams',
    why: "divides by the context's token count n(x), which counts a last token that starts no bigram",
    replace: [
      [
        'for (let i = 0; i + 1 < tokens.length; i++) if (tokens[i] === prev) nPrev++;',
        'for (let i = 0; i < tokens.length; i++) if (tokens[i] === prev) nPrev++;',
      ],
    ],
  },
  {
    name: 'smooth-towards-uniform',
    why: "smooths the bigram towards the uniform 1/m instead of the unigram P̂(x')",
    replace: [
      [
        'probs.set(x, ((bigrams.get(`${prev} ${x}`) ?? 0) + eps2 * p) / (nPrev + eps2));',
        'probs.set(x, ((bigrams.get(`${prev} ${x}`) ?? 0) + eps2 / unigram.size) / (nPrev + eps2));',
      ],
    ],
  },
  {
    name: 'trigram-context-reversed',
    why: 'looks the trigram up with the two context tokens swapped',
    replace: [['trigrams.get(`${prev[0]} ${prev[1]} ${x}`)', 'trigrams.get(`${prev[1]} ${prev[0]} ${x}`)']],
  },
  {
    name: 'misses-last-ngram',
    why: 'stops one n-gram early (i < tokens.length - n)',
    replace: [['for (let i = 0; i <= tokens.length - n; i++) {', 'for (let i = 0; i < tokens.length - n; i++) {']],
  },
  {
    name: 'empty-corpus-nan',
    why: 'lets an empty corpus through, returning an empty distribution',
    replace: [
      [
        "  if (tokens.length === 0) throw new EmptyCorpusError('the corpus is empty: there is nothing to count');\n",
        '',
      ],
    ],
  },
  {
    name: 'plain-error',
    why: 'throws a plain Error instead of the EmptyCorpusError the task asks for, so a caller cannot tell this mistake from any other failure',
    replace: [
      [
        "import { EmptyCorpusError, HyperparameterError } from 'd2l-ts/reference/errors';",
        "import { HyperparameterError } from 'd2l-ts/reference/errors';\nconst EmptyCorpusError = Error;",
      ],
    ],
  },
  {
    name: 'negative-eps-accepted',
    why: 'never checks ε₁, so a negative constant gives negative probabilities without a word',
    replace: [
      [
        '  if (!(eps1 >= 0 && eps1 < Infinity))\n    throw new HyperparameterError(`ε₁ (eps1) must be a finite number >= 0, got ${eps1}`);\n',
        '',
      ],
    ],
  },
  {
    name: 'zero-eps-rejected',
    why: 'requires ε₁ > 0, rejecting ε₁ = 0 (no smoothing), which the task allows',
    replace: [['if (!(eps1 >= 0 && eps1 < Infinity))', 'if (!(eps1 > 0 && eps1 < Infinity))']],
  },
  {
    name: 'infinite-eps-accepted',
    why: 'checks ε₂ >= 0 only, so ε₂ = Infinity (or NaN) gives NaN probabilities',
    replace: [['if (!(eps2 >= 0 && eps2 < Infinity))', 'if (eps2 < 0)']],
  },
  {
    name: 'n-unchecked',
    why: 'never checks n, so n = 0 counts the empty n-gram length + 1 times',
    replace: [
      [
        '  if (!Number.isInteger(n) || n < 1) throw new HyperparameterError(`n must be a whole number >= 1, got ${n}`);\n',
        '',
      ],
    ],
  },
  {
    name: 'unseen-context-nan',
    why: 'applies the formula to a context that starts no bigram, which is 0 / 0 = NaN at ε₂ = 0',
    replace: [
      [
        '  for (let i = 0; i + 1 < tokens.length; i++) if (tokens[i] === prev) nPrev++;\n  if (nPrev === 0) return unigram;\n',
        '  for (let i = 0; i + 1 < tokens.length; i++) if (tokens[i] === prev) nPrev++;\n',
      ],
    ],
  },
  {
    name: 'unseen-pair-empty',
    why: 'returns an empty distribution for a pair absent from the corpus (“nothing is known about it”)',
    replace: [
      [
        '  if (nPrev === 0) return unigram;\n  const probs = new Map<string, number>();\n  for (const [x, p] of unigram)\n',
        '  if (nPrev === 0) return new Map();\n  const probs = new Map<string, number>();\n  for (const [x, p] of unigram)\n',
      ],
    ],
  },
  {
    name: 'object-counter',
    why: 'counts n-grams in a plain object, whose integer-like keys (“1”, “10”) come first whatever the order they were seen in',
    replace: [
      [
        "  const counts = new Map<string, number>();\n  for (let i = 0; i <= tokens.length - n; i++) {\n    const gram = tokens.slice(i, i + n).join(' ');\n    counts.set(gram, (counts.get(gram) ?? 0) + 1);\n  }\n  return counts;",
        "  const counts: Record<string, number> = {};\n  for (let i = 0; i <= tokens.length - n; i++) {\n    const gram = tokens.slice(i, i + n).join(' ');\n    counts[gram] = (counts[gram] ?? 0) + 1;\n  }\n  return new Map(Object.entries(counts));",
      ],
    ],
  },
  {
    name: 'consumes-tokens',
    why: "counts n-grams by consuming the caller's array (tokens.shift() after each one), copying it only where it calls countNgrams itself",
    replace: [
      [
        "  const counts = new Map<string, number>();\n  for (let i = 0; i <= tokens.length - n; i++) {\n    const gram = tokens.slice(i, i + n).join(' ');\n    counts.set(gram, (counts.get(gram) ?? 0) + 1);\n  }\n  return counts;",
        "  const counts = new Map<string, number>();\n  while (tokens.length >= n) {\n    const gram = tokens.slice(0, n).join(' ');\n    counts.set(gram, (counts.get(gram) ?? 0) + 1);\n    tokens.shift();\n  }\n  return counts;",
      ],
      ['  const counts = countNgrams(tokens, 1);', '  const counts = countNgrams([...tokens], 1);'],
      ['  const bigrams = countNgrams(tokens, 2);', '  const bigrams = countNgrams([...tokens], 2);'],
      ['  const trigrams = countNgrams(tokens, 3);', '  const trigrams = countNgrams([...tokens], 3);'],
    ],
  },
] satisfies Mutant[];
