import { EmptyCorpusError, EmptyVocabularyError } from './errors';

/** d2l's count_corpus: token counts in first-seen order; a list of lines is flattened first. */
export function countCorpus(tokens: readonly string[] | readonly (readonly string[])[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const t of tokens.flat()) counts.set(t, (counts.get(t) ?? 0) + 1);
  return counts;
}

/**
 * d2l's Vocab: <unk> is index 0, then the reserved tokens, then every token counted at least
 * minFreq times, by descending count, ties in first-seen order.
 */
export class Vocab {
  readonly idxToToken: string[];
  readonly tokenToIdx: Map<string, number>;
  /** Every token with its count, by descending count, ties in first-seen order. */
  readonly tokenFreqs: [string, number][];

  constructor(
    tokens: readonly string[] | readonly (readonly string[])[],
    minFreq = 0,
    reservedTokens: readonly string[] = [],
  ) {
    const counts = countCorpus(tokens);
    if (counts.size === 0) throw new EmptyCorpusError('cannot build a vocabulary from an empty corpus');
    const firstSeen = new Map([...counts.keys()].map((t, i) => [t, i]));
    this.tokenFreqs = [...counts].sort((a, b) => b[1] - a[1] || firstSeen.get(a[0])! - firstSeen.get(b[0])!);
    const kept = this.tokenFreqs.filter(([, n]) => n >= minFreq).map(([t]) => t);
    if (kept.length === 0) {
      throw new EmptyVocabularyError(
        `min_freq = ${minFreq} is above every token's count (the most frequent, '${this.tokenFreqs[0]![0]}', occurs ${this.tokenFreqs[0]![1]} times): the vocabulary would hold only <unk>`,
      );
    }
    this.idxToToken = [...new Set(['<unk>', ...reservedTokens, ...kept])];
    this.tokenToIdx = new Map(this.idxToToken.map((t, i) => [t, i]));
  }

  get length(): number {
    return this.idxToToken.length;
  }

  /** The index of <unk>, which every token outside the vocabulary maps to. */
  get unk(): number {
    return 0;
  }

  toIndices(tokens: readonly string[]): number[] {
    return tokens.map((t) => this.tokenToIdx.get(t) ?? this.unk);
  }

  toTokens(indices: readonly number[]): string[] {
    return indices.map((i) => {
      const t = this.idxToToken[i];
      if (t === undefined) throw new RangeError(`index ${i} is outside the vocabulary of ${this.length} tokens`);
      return t;
    });
  }
}
