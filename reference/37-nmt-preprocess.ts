/**
 * Exercise 37's building blocks, d2l's preprocess_nmt and tokenize_nmt (d2l-zh 9.5.1-9.5.2,
 * d2l-en 10.5.1-10.5.2), for chapters 7 and 8 to import:
 *   preprocessNmt(text): string            non-breaking spaces to spaces, lower case, a space before , . ! ?
 *   tokenizeNmt(text, numExamples?)        { source, target }: the token lists of the lines with one tab
 *   lengthPairHistogram(source, target)    length -> [source count, target count]: d2l's show_list_len_pair_hist
 * They are reference/nmt-text.ts's (the data loaders' own), with tokenizeNmt's numExamples checked
 * first: a negative or fractional one is a HyperparameterError (d2l's `i > num_examples` would
 * stop at once or read one line fewer than its integer part says).
 */
import { HyperparameterError } from './errors';
import { tokenizeNmt as tokenizeLines } from './nmt-text';

export { preprocessNmt } from './nmt-text';

/**
 * d2l's tokenize_nmt: for each line with exactly one tab, the source and target tokens (split on
 * single spaces). numExamples > 0 stops after line numExamples (d2l reads lines 0..numExamples);
 * 0 or undefined reads every line.
 */
export function tokenizeNmt(text: string, numExamples?: number): { source: string[][]; target: string[][] } {
  if (numExamples !== undefined && !(Number.isInteger(numExamples) && numExamples >= 0))
    throw new HyperparameterError(`numExamples must be a whole number >= 0 (0: every line), got ${numExamples}`);
  return tokenizeLines(text, numExamples);
}

/**
 * The data of d2l's show_list_len_pair_hist (the histogram of sentence lengths per side): for every
 * length L that some sentence has, [source sentences of L tokens, target sentences of L tokens],
 * by increasing L. Counted here with one sort of all lengths and runs of equal ones.
 */
export function lengthPairHistogram(
  source: readonly (readonly string[])[],
  target: readonly (readonly string[])[],
): Map<number, [number, number]> {
  const tagged = [...source.map((l) => [l.length, 0] as const), ...target.map((l) => [l.length, 1] as const)];
  tagged.sort((a, b) => a[0] - b[0]);
  const out = new Map<number, [number, number]>();
  for (const [L, side] of tagged) {
    const entry = out.get(L) ?? [0, 0];
    entry[side]++;
    out.set(L, entry);
  }
  return out;
}
