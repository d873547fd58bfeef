import { EndOfWordError, HyperparameterError } from 'd2l-ts/reference/errors';

/**
 * d2l's get_max_freq_pair: the most frequent pair of consecutive symbols inside the words.
 * tokenFreqs maps each word, written as its symbols separated by spaces ('t a l l _'), to its
 * frequency; a pair (a, b) counts the frequency of every word it occurs in, once per occurrence.
 * Ties go to the pair counted first (Python's max over a dict: words in the Map's order, pairs left
 * to right). Returns null when no word has two symbols left (d2l's max() would crash).
 */
export function getMaxFreqPair(tokenFreqs: Map<string, number>): [string, string] | null {
  // BEGIN SOLUTION
  const pairs = new Map<string, { pair: [string, string]; freq: number }>();
  for (const [token, freq] of tokenFreqs) {
    const symbols = token.split(' ');
    for (let i = 0; i + 1 < symbols.length; i++) {
      const key = `${symbols[i]} ${symbols[i + 1]}`;
      const entry = pairs.get(key) ?? { pair: [symbols[i], symbols[i + 1]], freq: 0 };
      entry.freq += freq;
      pairs.set(key, entry);
    }
  }
  let best: { pair: [string, string]; freq: number } | null = null;
  for (const entry of pairs.values()) if (best === null || entry.freq > best.freq) best = entry;
  return best === null ? null : best.pair;
  // END SOLUTION
}

/**
 * d2l's merge_symbols, without its side effect: a new tokenFreqs in which every occurrence of the
 * two consecutive SYMBOLS (a, b), read left to right, becomes the one symbol a + b. Only whole
 * symbols merge: d2l's str.replace('a b', 'ab') would also join the end of one symbol to the next
 * ('ca b' → 'cab' when merging ('a', 'b')), which is not the learned merge.
 */
export function mergeSymbols(maxFreqPair: [string, string], tokenFreqs: Map<string, number>): Map<string, number> {
  // BEGIN SOLUTION
  const [a, b] = maxFreqPair;
  const merged = new Map<string, number>();
  for (const [token, freq] of tokenFreqs) {
    const symbols = token.split(' ');
    const out: string[] = [];
    for (let i = 0; i < symbols.length; i++) {
      if (i + 1 < symbols.length && symbols[i] === a && symbols[i + 1] === b) {
        out.push(a + b);
        i++;
      } else out.push(symbols[i]);
    }
    merged.set(out.join(' '), freq);
  }
  return merged;
  // END SOLUTION
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
  // BEGIN SOLUTION
  if (!Number.isInteger(numMerges) || numMerges < 0)
    throw new HyperparameterError(`numMerges = ${numMerges}: it must be a whole number >= 0`);
  let tokenFreqs = new Map<string, number>();
  for (const [word, freq] of rawTokenFreqs) {
    if (!word.endsWith('_')) throw new EndOfWordError(`the word '${word}' does not end in the end-of-word symbol '_'`);
    tokenFreqs.set(Array.from(word).join(' '), freq);
  }
  const merges: [string, string][] = [];
  const out = [...symbols];
  for (let k = 0; k < numMerges; k++) {
    const pair = getMaxFreqPair(tokenFreqs);
    if (pair === null) break;
    tokenFreqs = mergeSymbols(pair, tokenFreqs);
    merges.push(pair);
    out.push(pair[0] + pair[1]);
  }
  return { merges, symbols: out, tokenFreqs };
  // END SOLUTION
}

/**
 * d2l's segment_BPE: split each token (ending in '_') greedily into the longest symbols, left to
 * right: from the current start, try the longest remaining piece, then shorter ones, until one is
 * a symbol. When not even one character from the start is a symbol, d2l writes '[UNK]' and stops
 * there (the rest of the token is dropped). Returns each token's segments joined by spaces
 * ('tall e s t _'). A token that does not end in '_' throws an EndOfWordError naming it.
 */
export function segmentBpe(tokens: string[], symbols: string[]): string[] {
  // BEGIN SOLUTION
  const known = new Set(symbols);
  return tokens.map((token) => {
    if (!token.endsWith('_'))
      throw new EndOfWordError(`the token '${token}' does not end in the end-of-word symbol '_'`);
    const chars = Array.from(token);
    const out: string[] = [];
    let start = 0;
    let end = chars.length;
    while (start < chars.length && start < end) {
      const piece = chars.slice(start, end).join('');
      if (known.has(piece)) {
        out.push(piece);
        start = end;
        end = chars.length;
      } else end--;
    }
    if (start < chars.length) out.push('[UNK]');
    return out.join(' ');
  });
  // END SOLUTION
}
