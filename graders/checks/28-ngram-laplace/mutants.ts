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
    replace: [["import { EmptyCorpusError } from 'd2l-ts/reference/errors';", 'const EmptyCorpusError = Error;']],
  },
] satisfies Mutant[];
