import { UnknownTokenTypeError } from 'd2l-ts/reference/errors';

/**
 * d2l's read_time_machine preprocessing: split the text into lines (as Python's readlines(): at
 * each '\n', with no empty line after a final '\n', so '' has no line and '\n' one empty line),
 * then in each line replace every run of characters that are not ASCII letters A-Z, a-z by one
 * space, strip spaces at both ends and lower-case it, in that order (the Kelvin sign K, U+212A,
 * is not an ASCII letter, though its lower case is k).
 *   preprocessLines('The Time Machine, by H. G. Wells\n\nI.\n') = ['the time machine by h g wells', '', 'i']
 */
export function preprocessLines(text: string): string[] {
  throw new Error('Not implemented: preprocessLines (26-tokenize). The task is in exercises/26-tokenize/README.md');
}

/**
 * d2l's tokenize: each line split into tokens.
 *   'word': the runs of non-whitespace characters (Python's line.split(): no empty tokens, none
 *           for a blank line), whitespace being JavaScript's \s (tabs, no-break and ideographic
 *           spaces included);
 *   'char': the characters, one token per Unicode code point (Python's list(line)).
 * Any other token type ('Word', 'chars', '') throws an UnknownTokenTypeError (from
 * d2l-ts/reference/errors) whose message names the type it was given; the notes print a message
 * and return None instead, which hides the mistake. The caller's lines are left as they are.
 */
export function tokenize(lines: string[], token: 'word' | 'char' = 'word'): string[][] {
  throw new Error('Not implemented: tokenize (26-tokenize). The task is in exercises/26-tokenize/README.md');
}
