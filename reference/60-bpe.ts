/**
 * Byte-pair encoding (d2l-zh 14.6.2 / d2l-en 15.6.2): d2l's get_max_freq_pair, merge_symbols,
 * the merge loop and segment_BPE, on arrays of symbols rather than space-joined strings. Merges
 * join whole symbols only (d2l's str.replace can also join across a symbol boundary: 'ca b' with
 * ('a', 'b') gives 'cab'); ties go to the pair counted first, as Python's max over a dict.
 */
import { EndOfWordError, HyperparameterError } from './errors';

/** d2l's initial symbols: the 26 lower-case letters, the end-of-word '_' and '[UNK]'. */
export const D2L_SYMBOLS: readonly string[] = [...'abcdefghijklmnopqrstuvwxyz', '_', '[UNK]'];

type Words = [symbols: string[], freq: number][];

function maxPair(words: Words): [string, string] | null {
  const counts = new Map<string, number>();
  const pairOf = new Map<string, [string, string]>();
  for (const [s, f] of words)
    for (let i = 1; i < s.length; i++) {
      const key = `${s[i - 1]}\u0000${s[i]}`;
      counts.set(key, (counts.get(key) ?? 0) + f);
      if (!pairOf.has(key)) pairOf.set(key, [s[i - 1]!, s[i]!]);
    }
  let best: string | undefined;
  for (const [key, n] of counts) if (best === undefined || n > counts.get(best)!) best = key;
  return best === undefined ? null : pairOf.get(best)!;
}

/** Every (a, b) of consecutive whole symbols, read left to right, becomes a + b. */
function merge([a, b]: [string, string], words: Words): Words {
  return words.map(([s, f]) => {
    const out: string[] = [];
    let i = 0;
    while (i < s.length) {
      const joins = i + 1 < s.length && s[i] === a && s[i + 1] === b;
      out.push(joins ? a + b : s[i]!);
      i += joins ? 2 : 1;
    }
    return [out, f];
  });
}

export function getMaxFreqPair(tokenFreqs: ReadonlyMap<string, number>): [string, string] | null {
  return maxPair([...tokenFreqs].map(([t, f]) => [t.split(' '), f]));
}

export function mergeSymbols(pair: [string, string], tokenFreqs: ReadonlyMap<string, number>): Map<string, number> {
  return new Map(
    merge(
      pair,
      [...tokenFreqs].map(([t, f]) => [t.split(' '), f]),
    ).map(([s, f]) => [s.join(' '), f]),
  );
}

export function learnBpe(
  rawTokenFreqs: ReadonlyMap<string, number>,
  numMerges: number,
  symbols: readonly string[],
): { merges: [string, string][]; symbols: string[]; tokenFreqs: Map<string, number> } {
  if (!Number.isInteger(numMerges) || numMerges < 0)
    throw new HyperparameterError(`numMerges = ${numMerges}: it must be a whole number >= 0`);
  let words: Words = [...rawTokenFreqs].map(([w, f]) => {
    if (!w.endsWith('_')) throw new EndOfWordError(`the word '${w}' does not end in the end-of-word symbol '_'`);
    return [[...w], f];
  });
  const merges: [string, string][] = [];
  while (merges.length < numMerges) {
    const pair = maxPair(words);
    if (pair === null) break;
    words = merge(pair, words);
    merges.push(pair);
  }
  return {
    merges,
    symbols: [...symbols, ...merges.map(([a, b]) => a + b)],
    tokenFreqs: new Map(words.map(([s, f]) => [s.join(' '), f])),
  };
}

/** Greedy longest match from the left; '[UNK]' ends a token whose next character is no symbol. */
export function segmentBpe(tokens: readonly string[], symbols: readonly string[]): string[] {
  const known = new Set(symbols);
  const longest = Math.max(1, ...symbols.map((s) => [...s].length));
  return tokens.map((token) => {
    if (!token.endsWith('_'))
      throw new EndOfWordError(`the token '${token}' does not end in the end-of-word symbol '_'`);
    const chars = [...token];
    const out: string[] = [];
    for (let start = 0; start < chars.length; ) {
      let n = Math.min(longest, chars.length - start);
      while (n > 0 && !known.has(chars.slice(start, start + n).join(''))) n--;
      if (n === 0) {
        out.push('[UNK]');
        break;
      }
      out.push(chars.slice(start, start + n).join(''));
      start += n;
    }
    return out.join(' ');
  });
}
