import * as fc from 'fast-check';
import * as ref from '../../../reference/37-nmt-preprocess';
import { defineExercise, example, property, reference, rejects } from '../../lib/checks';
import { ensure } from '../../lib/failure';
import { expectSameData, fraEngExcerpt, show } from '../../lib/nmt';

/** Text of letters (some accented or upper-case), both non-breaking spaces, the four marks and others, tabs and newlines. */
const piece = fc.constantFrom(
  'Go',
  'a',
  'B',
  'é',
  'Ça',
  "j'ai",
  ' ',
  '  ',
  '\u202f',
  '\u00a0',
  ',',
  '.',
  '!',
  '?',
  ';',
  ':',
  '\t',
  '\n',
);
const text = fc.array(piece, { maxLength: 24 }).map((p) => p.join(''));

/** Lines of words, marks and spaces with zero to three tabs, joined by '\n' (sometimes a final one). */
const word = fc.constantFrom('go', 'va', '.', '!', 'je', "j'ai", 'ça', '');
const side = fc.array(word, { minLength: 1, maxLength: 4 }).map((w) => w.join(' '));
const line = fc.array(side, { minLength: 1, maxLength: 4 }).map((sides) => sides.join('\t'));
const lines = fc
  .tuple(fc.array(line, { maxLength: 8 }), fc.boolean())
  .map(([ls, end]) => ls.join('\n') + (end ? '\n' : ''));
const numExamples = fc.option(fc.nat({ max: 9 }), { nil: undefined });

const tokens = fc.array(fc.array(fc.constantFrom('go', '.', 'va'), { maxLength: 6 }), { maxLength: 8 });

/** d2l's printed text[:80] after preprocess_nmt (d2l-zh 9.5.1, d2l-en 10.5.1), line by line. */
const D2L_LINES = [
  'go .\tva !',
  'hi .\tsalut !',
  'run !\tcours !',
  'run !\tcourez !',
  'who ?\tqui ?',
  'wow !\tça alors !',
];

/** The lower-cased text with every kind of space removed: what preprocessing must keep, in order. */
const withoutSpaces = (t: string) => t.toLowerCase().replace(/[ \u202f\u00a0]/g, '');

export default defineExercise({
  id: '37-nmt-preprocess',
  title: 'Machine translation data: preprocessing and tokenization',
  file: 'nmt.ts',
  tensors: false,
  checks: [
    example(
      "the first lines of fra.txt become d2l's printed text: 'go .\\tva !', 'hi .\\tsalut !', …, 'wow !\\tça alors !'",
      async (s) => {
        const got = await s.call('preprocessNmt', fraEngExcerpt());
        ensure(typeof got === 'string', `preprocessNmt should return a string, got ${show(got)}`);
        expectSameData(got.split('\n').slice(0, 6), D2L_LINES, 'the first six lines of preprocessNmt(fra.txt)');
      },
    ),
    reference(
      'preprocessNmt matches the reference: both non-breaking spaces to spaces, lower case, a space before , . ! ? unless one is there',
      text,
      async (s, t) => {
        expectSameData(await s.call('preprocessNmt', t), ref.preprocessNmt(t), `preprocessNmt(${show(t)})`);
      },
    ),
    property('preprocessing twice changes nothing more: every mark already has its space', text, async (s, t) => {
      const once = await s.call('preprocessNmt', t);
      ensure(typeof once === 'string', `preprocessNmt(${show(t)}) should be a string, got ${show(once)}`);
      expectSameData(await s.call('preprocessNmt', once), once, `preprocessNmt(preprocessNmt(${show(t)}))`);
    }),
    property(
      'only spaces are inserted: without its spaces the result is the lower-cased text without its spaces',
      text,
      async (s, t) => {
        const got = await s.call('preprocessNmt', t);
        ensure(typeof got === 'string', `preprocessNmt(${show(t)}) should be a string, got ${show(got)}`);
        ensure(
          !/[\u202f\u00a0]/.test(got),
          `preprocessNmt(${show(t)}) = ${show(got)} still holds a non-breaking space (U+202F or U+00A0)`,
        );
        expectSameData(
          withoutSpaces(got),
          withoutSpaces(t),
          `preprocessNmt(${show(t)}) = ${show(got)} without its spaces`,
        );
      },
    ),
    example("tokenizeNmt splits d2l's first pairs into source and target tokens", async (s) => {
      const got = (await s.call('tokenizeNmt', ref.preprocessNmt(fraEngExcerpt()))) as {
        source?: unknown;
        target?: unknown;
      } | null;
      ensure(got !== null && typeof got === 'object', 'tokenizeNmt should return { source, target }');
      expectSameData(
        (got.source as unknown[] | undefined)?.slice(0, 6),
        [
          ['go', '.'],
          ['hi', '.'],
          ['run', '!'],
          ['run', '!'],
          ['who', '?'],
          ['wow', '!'],
        ],
        'source[:6]',
      );
      expectSameData(
        (got.target as unknown[] | undefined)?.slice(0, 6),
        [
          ['va', '!'],
          ['salut', '!'],
          ['cours', '!'],
          ['courez', '!'],
          ['qui', '?'],
          ['ça', 'alors', '!'],
        ],
        'target[:6]',
      );
    }),
    reference(
      'tokenizeNmt matches the reference: lines with exactly one tab, split at single spaces, up to line numExamples',
      fc.tuple(lines, numExamples),
      async (s, [t, n]) => {
        expectSameData(await s.call('tokenizeNmt', t, n), ref.tokenizeNmt(t, n), `tokenizeNmt(${show(t)}, ${n})`);
      },
    ),
    example(
      "numExamples = 2 reads lines 0, 1 and 2 (d2l's `i > num_examples`), counting a line without a tab",
      async (s) => {
        const t = 'a .\tb .\nno tab here\nc !\td !\ne ?\tf ?\ng .\th .\n';
        expectSameData(
          await s.call('tokenizeNmt', t, 2),
          {
            source: [
              ['a', '.'],
              ['c', '!'],
            ],
            target: [
              ['b', '.'],
              ['d', '!'],
            ],
          },
          `tokenizeNmt(${show(t)}, 2)`,
        );
      },
    ),
    reference(
      'lengthPairHistogram counts the sentences of each length on each side, lengths in increasing order',
      fc.tuple(tokens, tokens),
      async (s, [source, target]) => {
        expectSameData(
          await s.call('lengthPairHistogram', source, target),
          ref.lengthPairHistogram(source, target),
          `lengthPairHistogram(${show(source)}, ${show(target)})`,
        );
      },
    ),
    rejects('a negative or fractional numExamples is a HyperparameterError naming it', async (s) => {
      for (const n of [-1, 2.5])
        await s.rejects(
          'tokenizeNmt',
          ['go .\tva !\n', n],
          /numExamples/,
          `when numExamples = ${n}`,
          'HyperparameterError',
        );
    }),
  ],
});
