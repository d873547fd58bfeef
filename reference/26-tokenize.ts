import { UnknownTokenTypeError } from './errors';

/**
 * d2l's read_time_machine preprocessing, line by line as Python's readlines() splits them: every
 * run of characters that are not ASCII letters becomes one space, then strip and lower case.
 */
export function preprocessLines(text: string): string[] {
  return (text.match(/[^\n]*\n|[^\n]+$/g) ?? []).map((line) =>
    line
      .replace(/[^A-Za-z]+/g, ' ')
      .trim()
      .toLowerCase(),
  );
}

/** d2l's tokenize: words (runs of non-whitespace, as Python's str.split()) or characters (code points). */
export function tokenize(lines: string[], token: 'word' | 'char' = 'word'): string[][] {
  if (token === 'word') return lines.map((line) => line.match(/\S+/g) ?? []);
  if (token === 'char') return lines.map((line) => Array.from(line));
  throw new UnknownTokenTypeError(`unknown token type '${String(token)}': use 'word' or 'char'`);
}
