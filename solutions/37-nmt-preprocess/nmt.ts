import { HyperparameterError } from 'd2l-ts/reference/errors';

/**
 * d2l's preprocess_nmt (预处理): the raw text of the English-French pairs made ready to split
 * into words.
 *   1. the non-breaking spaces U+202F (narrow, before ! and ? in French) and U+00A0 become plain spaces;
 *   2. the text is lower-cased;
 *   3. a space is inserted before every , . ! ? whose preceding character (in the text of step 2)
 *      is not a space; a punctuation mark at the very start gets none.
 * Nothing else changes: tabs and newlines stay, other punctuation (; : ') is left alone.
 *   preprocessNmt('Go.\tVa\u202f!') === 'go .\tva !'
 */
export function preprocessNmt(text: string): string {
  // BEGIN SOLUTION
  const lower = text.replace(/[\u202f\u00a0]/g, ' ').toLowerCase();
  // The lookbehind reads the text before any insertion, as d2l's loop over text[i - 1] does.
  return lower.replace(/(?<=[^ ])[,.!?]/g, (mark) => ` ${mark}`);
  // END SOLUTION
}

/**
 * d2l's tokenize_nmt (词元化): the text split at '\n' into lines; every line with exactly one tab
 * gives a source (before the tab) and a target (after it), each split at single spaces
 * (str.split(' '): two spaces in a row give an empty token). Lines with no tab or several are
 * skipped.
 * numExamples (optional, 0 or undefined: every line): d2l stops when the line number i (from 0,
 * counting every line, skipped ones too) exceeds numExamples, so it reads lines 0 … numExamples.
 * A negative or fractional numExamples throws a HyperparameterError naming it.
 */
export function tokenizeNmt(text: string, numExamples?: number): { source: string[][]; target: string[][] } {
  // BEGIN SOLUTION
  if (numExamples !== undefined && (!Number.isInteger(numExamples) || numExamples < 0))
    throw new HyperparameterError(`numExamples must be a whole number >= 0, got ${numExamples}`);
  const source: string[][] = [];
  const target: string[][] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (numExamples && i > numExamples) break;
    const parts = lines[i].split('\t');
    if (parts.length === 2) {
      source.push(parts[0].split(' '));
      target.push(parts[1].split(' '));
    }
  }
  return { source, target };
  // END SOLUTION
}

/**
 * The counts behind d2l's show_list_len_pair_hist (the histogram of the number of tokens per
 * sentence, source and target side by side): a Map from each length L that some sentence has to
 * [how many source sentences have L tokens, how many target sentences have L tokens], its keys in
 * increasing order. The caller's lists are left as they are.
 */
export function lengthPairHistogram(source: string[][], target: string[][]): Map<number, [number, number]> {
  // BEGIN SOLUTION
  const lengths = [...new Set([...source, ...target].map((line) => line.length))].sort((a, b) => a - b);
  const counts = new Map<number, [number, number]>(lengths.map((L) => [L, [0, 0]]));
  for (const line of source) counts.get(line.length)![0]++;
  for (const line of target) counts.get(line.length)![1]++;
  return counts;
  // END SOLUTION
}
