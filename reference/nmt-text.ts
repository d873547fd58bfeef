/**
 * The text side of d2l's machine-translation data (preprocess_nmt, tokenize_nmt), for the real
 * fra.txt and for the course's generated corpus (fixtures/data/translation-corpus.ts) alike.
 * Plain string functions: no files, no tensors.
 */

/** Characters before which preprocess_nmt inserts a space. */
const PUNCTUATION = new Set([',', '.', '!', '?']);

/**
 * d2l's preprocess_nmt: the non-breaking spaces U+202F and U+00A0 become plain spaces, the text is
 * lower-cased, and a space is inserted before , . ! ? wherever the character before is not
 * already a space.
 */
export function preprocessNmt(text: string): string {
  const t = text.replaceAll('\u202f', ' ').replaceAll('\u00a0', ' ').toLowerCase();
  let out = '';
  for (let i = 0; i < t.length; i++) out += i > 0 && PUNCTUATION.has(t[i]!) && t[i - 1] !== ' ' ? ` ${t[i]}` : t[i];
  return out;
}

/**
 * d2l's tokenize_nmt: each line with exactly one tab gives a source and a target token list, split
 * on single spaces (str.split(' '), so two spaces make an empty token, as in d2l). With
 * numExamples > 0 it stops after line numExamples, so it reads lines 0..numExamples: one more
 * than asked, as d2l's `i > num_examples` test does.
 */
export function tokenizeNmt(text: string, numExamples?: number): { source: string[][]; target: string[][] } {
  const source: string[][] = [];
  const target: string[][] = [];
  for (const [i, line] of text.split('\n').entries()) {
    if (numExamples && i > numExamples) break;
    const parts = line.split('\t');
    if (parts.length === 2) {
      source.push(parts[0]!.split(' '));
      target.push(parts[1]!.split(' '));
    }
  }
  return { source, target };
}
