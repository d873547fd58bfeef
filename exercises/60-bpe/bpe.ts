import { EndOfWordError, HyperparameterError } from 'd2l-ts/reference/errors';

/**
 * d2l's get_max_freq_pair: the most frequent pair of consecutive symbols inside the words.
 * tokenFreqs maps each word, written as its symbols separated by spaces ('t a l l _'), to its
 * frequency; a pair (a, b) counts the frequency of every word it occurs in, once per occurrence.
 * Ties go to the pair counted first (Python's max over a dict: words in the Map's order, pairs left
 * to right). Returns null when no word has two symbols left (d2l's max() would crash).
 */
export function getMaxFreqPair(tokenFreqs: Map<string, number>): [string, string] | null {
  throw new Error('Not implemented: getMaxFreqPair (60-bpe). The task is in exercises/60-bpe/README.md');
}

/**
 * d2l's merge_symbols, without its side effect: a new tokenFreqs in which every occurrence of the
 * two consecutive SYMBOLS (a, b), read left to right, becomes the one symbol a + b. Only whole
 * symbols merge: d2l's str.replace('a b', 'ab') would also join the end of one symbol to the next
 * ('ca b' → 'cab' when merging ('a', 'b')), which is not the learned merge.
 */
export function mergeSymbols(maxFreqPair: [string, string], tokenFreqs: Map<string, number>): Map<string, number> {
  throw new Error('Not implemented: mergeSymbols (60-bpe). The task is in exercises/60-bpe/README.md');
}

/**
 * Byte-pair encoding (字节对编码) as d2l runs it: split every word of rawTokenFreqs (word →
 * frequency; every word ends in the end-of-word symbol '_') into its characters, then numMerges
 * times merge the most frequent pair (getMaxFreqPair, mergeSymbols), appending the new symbol to a
 * copy of `symbols`; stop early when no pair is left. Returns the merges in order, the symbols
 * (the given ones, then one per merge) and the final tokenFreqs.
 * A word that does not end in '_' throws an EndOfWordError naming it; numMerges must be a whole
 * number >= 0 (otherwise a HyperparameterError naming numMerges).
 */
export function learnBpe(
  rawTokenFreqs: Map<string, number>,
  numMerges: number,
  symbols: string[],
): { merges: [string, string][]; symbols: string[]; tokenFreqs: Map<string, number> } {
  throw new Error('Not implemented: learnBpe (60-bpe). The task is in exercises/60-bpe/README.md');
}

/**
 * d2l's segment_BPE: split each token (ending in '_') greedily into the longest symbols, left to
 * right: from the current start, try the longest remaining piece, then shorter ones, until one is
 * a symbol. When not even one character from the start is a symbol, d2l writes '[UNK]' and stops
 * there (the rest of the token is dropped). Returns each token's segments joined by spaces
 * ('tall e s t _'). A token that does not end in '_' throws an EndOfWordError naming it.
 */
export function segmentBpe(tokens: string[], symbols: string[]): string[] {
  throw new Error('Not implemented: segmentBpe (60-bpe). The task is in exercises/60-bpe/README.md');
}
