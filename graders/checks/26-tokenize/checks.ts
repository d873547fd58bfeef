import * as fc from 'fast-check';
import * as ref from '../../../reference/26-tokenize';
import { defineExercise, example, property, reference, rejects } from '../../lib/checks';
import { CheckFailure, ensure } from '../../lib/failure';
import type { Subject } from '../../lib/subject';
import type { Outcome } from './driver';

/**
 * Lines of letters, digits, punctuation, blanks and characters outside the BMP (two UTF-16 units
 * each); letters whose lower case is an ASCII letter (the Kelvin sign K, U+212A, lower-cases to k;
 * the dotted İ, U+0130, to i and a combining dot; the long ſ, U+017F, case-folds to s); blanks
 * that are not ASCII (no-break space U+00A0, ideographic space U+3000); a letter with a combining
 * accent and an emoji with a skin tone (two code points each, one grapheme).
 */
const piece = fc.constantFrom(
  'a',
  'B',
  'z',
  'Q',
  '7',
  ',',
  '.',
  "'",
  '-',
  'é',
  'ß',
  '😀',
  '𝔘',
  '\u212A',
  '\u0130',
  '\u017F',
  'e\u0301',
  '👍🏽',
  ' ',
  ' ',
  '  ',
  '\t',
  '\r',
  '\u00A0',
  '\u3000',
);
const line = fc.array(piece, { maxLength: 12 }).map((p) => p.join(''));
const lines = fc.array(line, { maxLength: 5 });
/** A text of such lines joined by '\n', with or without a final '\n'. */
const text = fc.tuple(lines, fc.boolean()).map(([ls, end]) => ls.join('\n') + (end ? '\n' : ''));

const show = (v: unknown) => JSON.stringify(v);

async function expectSame(s: Subject, fn: string, args: unknown[], expected: unknown, what: string): Promise<void> {
  const got = await s.call(fn, ...args);
  ensure(show(got) === show(expected), `${what} is ${show(got)}, expected ${show(expected)}`);
}

export default defineExercise({
  id: '26-tokenize',
  title: 'Text preprocessing and tokenization',
  file: 'tokenize.ts',
  tensors: false,
  checks: [
    example(
      "the opening of The Time Machine becomes d2l's lines: ['the time machine by h g wells', '', 'i']",
      async (s) => {
        await expectSame(
          s,
          'preprocessLines',
          ['The Time Machine, by H. G. Wells [1898]\n\nI\n'],
          ['the time machine by h g wells', '', 'i'],
          'preprocessLines of the opening',
        );
      },
    ),
    example(
      "the edges of the text: '' has no line, '\\n' one empty line, '\\n\\n' two, 'a' (no final '\\n') one; letters whose lower case is ASCII (K U+212A, İ U+0130, ſ U+017F) are not ASCII letters",
      async (s) => {
        for (const [t, lines] of [
          ['', []],
          ['\n', ['']],
          ['\n\n', ['', '']],
          ['a', ['a']],
          ['A\n\n', ['a', '']],
          ['\u212Aelvin \u0130stanbul \u017Fun', ['elvin stanbul un']],
        ] as [string, string[]][]) {
          await expectSame(s, 'preprocessLines', [t], lines, `preprocessLines(${show(t)})`);
        }
      },
    ),
    reference(
      'preprocessLines keeps one line per line of the text, each lower-case letters and single spaces',
      text,
      async (s, t) => {
        await expectSame(s, 'preprocessLines', [t], ref.preprocessLines(t), `preprocessLines(${show(t)})`);
      },
    ),
    example("tokenize splits d2l's first line into words, the default token type", async (s) => {
      await expectSame(
        s,
        'tokenize',
        [['the time machine by h g wells']],
        [['the', 'time', 'machine', 'by', 'h', 'g', 'wells']],
        "tokenize(['the time machine by h g wells'])",
      );
    }),
    example(
      "word tokens at any whitespace, tabs and non-ASCII spaces included, and no token from a blank line; char tokens are code points ('e' + U+0301 is two)",
      async (s) => {
        const ls = ['  the time\u00A0machine  ', '\tby\u3000h g   wells\r', '', ' '];
        await expectSame(
          s,
          'tokenize',
          [ls, 'word'],
          [['the', 'time', 'machine'], ['by', 'h', 'g', 'wells'], [], []],
          `tokenize(${show(ls)}, 'word')`,
        );
        await expectSame(
          s,
          'tokenize',
          [['ce\u0301 👍🏽'], 'char'],
          [['c', 'e', '\u0301', ' ', '👍', '🏽']],
          "tokenize(['ce\\u0301 👍🏽'], 'char')",
        );
      },
    ),
    property(
      'word tokens are the runs of non-whitespace: no empty tokens, whatever the spacing',
      lines,
      async (s, ls) => {
        await expectSame(s, 'tokenize', [ls, 'word'], ref.tokenize(ls, 'word'), `tokenize(${show(ls)}, 'word')`);
      },
    ),
    property('char tokens are the code points of each line, and join back to it', lines, async (s, ls) => {
      const got = await s.call('tokenize', ls, 'char');
      ensure(
        Array.isArray(got) && got.length === ls.length,
        `tokenize(${show(ls)}, 'char') should give one list of tokens per line`,
      );
      got.forEach((tokens, i) =>
        ensure(
          Array.isArray(tokens) && tokens.join('') === ls[i],
          `the char tokens of line ${i} join to ${show(Array.isArray(tokens) ? tokens.join('') : tokens)}, not to the line ${show(ls[i])}`,
        ),
      );
      await expectSame(s, 'tokenize', [ls, 'char'], ref.tokenize(ls, 'char'), `tokenize(${show(ls)}, 'char')`);
    }),
    rejects(
      "an unknown token type throws an UnknownTokenTypeError that names it (the notes only print a message): 'sentence', but also 'Word', 'chars' and ''",
      async (s) => {
        for (const type of ['sentence', 'Word', 'chars', '']) {
          const out = (await s.call('driveTokenize', ['the time machine'], type)) as Outcome;
          if (!out.threw)
            throw new CheckFailure(
              `tokenize(lines, ${show(type)}) returned ${show(out.value)}: it should throw an UnknownTokenTypeError (only 'word' and 'char', exactly, are token types)`,
            );
          ensure(
            out.typed,
            `tokenize(lines, ${show(type)}) threw ${out.name} ("${out.message}"): throw the course's UnknownTokenTypeError (import it from d2l-ts/reference/errors), so a caller can tell this mistake from others`,
          );
          ensure(
            out.message.includes(`'${type}'`) || (type !== '' && out.message.includes(type)),
            `the error's message "${out.message}" should name the token type it was given, ${show(type)}`,
          );
        }
      },
    ),
  ],
});
