import { EmptyCorpusError, EmptyVocabularyError } from 'd2l-ts/reference/errors';

/**
 * d2l's count_corpus: how often each token occurs, as a Map in first-seen order (the order
 * Python's Counter keeps). `tokens` is a list of tokens or a list of lines of tokens (flatten it).
 */
export function countCorpus(tokens: string[] | string[][]): Map<string, number> {
  // BEGIN SOLUTION
  const counts = new Map<string, number>();
  for (const line of tokens) {
    for (const token of Array.isArray(line) ? line : [line]) counts.set(token, (counts.get(token) ?? 0) + 1);
  }
  return counts;
  // END SOLUTION
}

/**
 * d2l's Vocab (词表): maps tokens to indices 0, 1, 2, ... and back.
 *   index 0: '<unk>', the unknown token, which every token outside the vocabulary maps to;
 *   then the reserved tokens (such as '<pad>', '<bos>', '<eos>'), in the order given;
 *   then every token of the corpus counted at least minFreq times, by descending count, ties in
 *   the order the tokens were first seen (Python's sort is stable and Counter keeps that order).
 * A token already in the vocabulary keeps its first index and is not added twice: a reserved
 * token that also occurs in the corpus, '<unk>' occurring in the corpus or listed among the
 * reserved tokens, a reserved token listed twice. Tokens are any strings ('2', 'constructor' and
 * '__proto__' included). The caller's arrays are left as they are.
 *
 * Bad input: an empty corpus (no token: [], or lines with nothing in them, [[]]) throws
 * EmptyCorpusError; a minFreq above every token's count (a vocabulary of nothing but <unk> and
 * the reserved tokens) throws EmptyVocabularyError, with a message giving the largest count;
 * minFreq equal to the largest count keeps that token. Both errors come from
 * d2l-ts/reference/errors.
 */
export class Vocab {
  /** Index -> token. */
  readonly idxToToken: string[];
  /** Token -> index. */
  readonly tokenToIdx: Map<string, number>;
  /** Every token of the corpus with its count, by descending count, ties in first-seen order. */
  readonly tokenFreqs: [string, number][];

  constructor(tokens: string[] | string[][], minFreq = 0, reservedTokens: string[] = []) {
    // BEGIN SOLUTION
    const counts = countCorpus(tokens);
    if (counts.size === 0) throw new EmptyCorpusError('cannot build a vocabulary from an empty corpus');
    // Array.prototype.sort is stable: equal counts keep the Map's first-seen order.
    this.tokenFreqs = [...counts.entries()].sort((a, b) => b[1] - a[1]);
    if (this.tokenFreqs[0]![1] < minFreq) {
      throw new EmptyVocabularyError(
        `min_freq ${minFreq} is larger than every count (the largest is ${this.tokenFreqs[0]![1]}): the vocabulary would be empty`,
      );
    }
    this.idxToToken = [];
    this.tokenToIdx = new Map();
    // A token already in the vocabulary keeps its first index: '<unk>' in the corpus or among the
    // reserved tokens, a reserved token listed twice or occurring in the corpus.
    const add = (token: string) => {
      if (this.tokenToIdx.has(token)) return;
      this.tokenToIdx.set(token, this.idxToToken.length);
      this.idxToToken.push(token);
    };
    add('<unk>');
    for (const token of reservedTokens) add(token);
    for (const [token, freq] of this.tokenFreqs) {
      if (freq < minFreq) break;
      add(token);
    }
    // END SOLUTION
  }

  /** The number of tokens in the vocabulary (d2l's len(vocab)). */
  get length(): number {
    // BEGIN SOLUTION
    return this.idxToToken.length;
    // END SOLUTION
  }

  /** The index of '<unk>': 0. */
  get unk(): number {
    // BEGIN SOLUTION
    return 0;
    // END SOLUTION
  }

  /** The index of each token (d2l's vocab[tokens]); a token outside the vocabulary gives unk. */
  toIndices(tokens: string[]): number[] {
    // BEGIN SOLUTION
    return tokens.map((token) => this.tokenToIdx.get(token) ?? this.unk);
    // END SOLUTION
  }

  /** The token of each index (d2l's to_tokens). */
  toTokens(indices: number[]): string[] {
    // BEGIN SOLUTION
    return indices.map((i) => this.idxToToken[i]!);
    // END SOLUTION
  }
}
