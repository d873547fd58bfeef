import * as fc from 'fast-check';
import * as ref from '../../../reference/27-vocab';
import { defineExercise, example, property, reference, rejects } from '../../lib/checks';
import { CheckFailure, ensure } from '../../lib/failure';
import type { Subject } from '../../lib/subject';
import type { ErrorOutcome, VocabData } from './driver';

/**
 * Words, with a reserved token and <unk> among them, and tokens that break a plain object used as
 * a counter: integer-like keys ('2', '10') come first in an object whatever the order they were
 * seen in, and '__proto__' or 'constructor' are not own keys of a fresh object.
 */
const WORDS = [
  'the',
  'time',
  'machine',
  'i',
  'and',
  'a',
  'was',
  '<pad>',
  '<unk>',
  '2',
  '10',
  'constructor',
  '__proto__',
];
/** Reserved tokens, <unk> among them (it is index 0 already). */
const RESERVED = ['<pad>', '<bos>', '<unk>', '<eos>'];

/** Lines of words drawn from a few, so counts repeat and tie; sometimes one flat list of tokens. */
const corpus = fc
  .array(fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 4 })
  .chain((lines) => fc.constantFrom<string[] | string[][]>(lines, lines.flat()));

/** A corpus, a minFreq no larger than its largest count, reserved tokens, and tokens to look up. */
const vocabArgs = corpus.chain((tokens) => {
  const maxCount = Math.max(...ref.countCorpus(tokens).values());
  return fc.record({
    tokens: fc.constant(tokens),
    minFreq: fc.integer({ min: 0, max: maxCount }),
    reserved: fc.subarray(RESERVED),
    probe: fc.array(fc.constantFrom(...WORDS, 'unseen', 'Time'), { maxLength: 8 }),
  });
});

const show = (v: unknown) => JSON.stringify(v);

async function vocab(
  s: Subject,
  tokens: string[] | string[][],
  minFreq: number | undefined,
  reserved: string[] | undefined,
  probe: string[] = [],
): Promise<VocabData> {
  const v = (await s.call('driveVocab', tokens, minFreq, reserved, probe)) as VocabData;
  ensure(Array.isArray(v.idxToToken), 'vocab.idxToToken should be an array of tokens');
  return v;
}

const args = (tokens: unknown, minFreq?: number, reserved?: string[]) =>
  `new Vocab(${show(tokens)}${minFreq === undefined ? '' : `, ${minFreq}`}${reserved === undefined ? '' : `, ${show(reserved)}`})`;

async function expectError(
  s: Subject,
  tokens: string[] | string[][],
  minFreq: number,
  kind: 'emptyCorpus' | 'emptyVocabulary',
  type: string,
  mention: string[],
): Promise<void> {
  const out = (await s.call('driveVocabError', tokens, minFreq)) as ErrorOutcome;
  if (!out.threw) throw new CheckFailure(`${args(tokens, minFreq)} built a vocabulary: it should throw ${type}`);
  ensure(
    out[kind],
    `${args(tokens, minFreq)} threw ${out.name} ("${out.message}"): throw the course's ${type} (from d2l-ts/reference/errors)`,
  );
  const missing = mention.filter((m) => !out.message.includes(m));
  ensure(
    missing.length === 0,
    `the message "${out.message}" should say what was wrong: mention ${missing.join(' and ')}`,
  );
}

export default defineExercise({
  id: '27-vocab',
  title: 'A vocabulary: tokens to indices and back',
  file: 'vocab.ts',
  tensors: false,
  checks: [
    example(
      "tokens [['b', 'a'], ['c', 'a', 'b'], ['d']] give <unk>, b, a, c, d: ties keep the order first seen, not the alphabet's",
      async (s) => {
        const v = await vocab(s, [['b', 'a'], ['c', 'a', 'b'], ['d']], undefined, undefined);
        ensure(
          show(v.idxToToken) === show(['<unk>', 'b', 'a', 'c', 'd']),
          `idxToToken is ${show(v.idxToToken)}, expected ["<unk>","b","a","c","d"]`,
        );
      },
    ),
    reference(
      "the order is d2l's: <unk> at 0, the reserved tokens, then by descending count with ties first-seen",
      vocabArgs,
      async (s, { tokens, minFreq, reserved }) => {
        const got = await vocab(s, tokens, minFreq, reserved);
        const expected = new ref.Vocab(tokens, minFreq, reserved);
        ensure(
          show(got.idxToToken) === show(expected.idxToToken),
          `${args(tokens, minFreq, reserved)}.idxToToken is ${show(got.idxToToken)}, expected ${show(expected.idxToToken)}`,
        );
        ensure(
          got.length === expected.length,
          `vocab.length is ${got.length}, but the vocabulary holds ${expected.length} tokens`,
        );
      },
    ),
    property(
      'tokenFreqs lists every token with its count, by descending count, ties first-seen',
      vocabArgs,
      async (s, { tokens, minFreq, reserved }) => {
        const got = await vocab(s, tokens, minFreq, reserved);
        const expected = new ref.Vocab(tokens, minFreq, reserved).tokenFreqs;
        ensure(
          show(got.tokenFreqs) === show(expected),
          `${args(tokens, minFreq, reserved)}.tokenFreqs is ${show(got.tokenFreqs)}, expected ${show(expected)}`,
        );
      },
    ),
    property(
      'minFreq keeps exactly the tokens counted at least minFreq times',
      vocabArgs,
      async (s, { tokens, minFreq, reserved }) => {
        const got = new Set((await vocab(s, tokens, minFreq, reserved)).idxToToken);
        const counts = ref.countCorpus(tokens);
        // <unk> and the reserved tokens are in the vocabulary whatever their counts.
        const wrong = [...counts].filter(
          ([t, n]) => t !== '<unk>' && !reserved.includes(t) && got.has(t) !== n >= minFreq,
        );
        ensure(
          wrong.length === 0,
          `with minFreq ${minFreq}, ${wrong.map(([t, n]) => `'${t}' (counted ${n} times) is ${got.has(t) ? 'in' : 'missing from'} the vocabulary`).join('; ')}`,
        );
      },
    ),
    property(
      'tokens outside the vocabulary map to <unk>, which is index 0 (vocab.unk)',
      vocabArgs,
      async (s, { tokens, minFreq, reserved, probe }) => {
        const v = await vocab(s, tokens, minFreq, reserved, probe);
        ensure(
          v.unk === 0 && v.idxToToken[0] === '<unk>',
          `vocab.unk is ${show(v.unk)} and index 0 holds ${show(v.idxToToken[0])}: '<unk>' must be index 0`,
        );
        probe.forEach((t, i) => {
          const inside = v.idxToToken.includes(t);
          ensure(
            inside || v.probeIndices[i] === 0,
            `toIndices maps '${t}', which is not in the vocabulary, to ${show(v.probeIndices[i])}, expected 0 (<unk>)`,
          );
        });
      },
    ),
    property(
      'toIndices and toTokens are inverse: tokens round-trip, and tokenToIdx agrees with idxToToken',
      vocabArgs,
      async (s, { tokens, minFreq, reserved, probe }) => {
        const v = await vocab(s, tokens, minFreq, reserved, probe);
        ensure(
          show(v.allTokens) === show(v.idxToToken),
          `toTokens([0, 1, ...]) is ${show(v.allTokens)}, not idxToToken ${show(v.idxToToken)}`,
        );
        probe.forEach((t, i) => {
          const expected = v.idxToToken.includes(t) ? t : '<unk>';
          ensure(
            v.probeBack[i] === expected,
            `toTokens(toIndices(['${t}'])) is ${show(v.probeBack[i])}, expected '${expected}'`,
          );
        });
        const bad = v.idxToToken.findIndex((t, i) => v.tokenToIdx.find(([u]) => u === t)?.[1] !== i);
        ensure(
          bad < 0 && v.tokenToIdx.length === v.length,
          `tokenToIdx does not invert idxToToken${bad >= 0 ? ` at index ${bad} ('${v.idxToToken[bad]}')` : `: it holds ${v.tokenToIdx.length} tokens for ${v.length}`}`,
        );
      },
    ),
    example(
      'a reserved token that also occurs in the corpus keeps its reserved index and is not added again',
      async (s) => {
        const v = await vocab(s, ['a', '<pad>', 'a', '<pad>', '<pad>'], 0, ['<pad>']);
        ensure(
          show(v.idxToToken) === show(['<unk>', '<pad>', 'a']),
          `idxToToken is ${show(v.idxToToken)}, expected ["<unk>","<pad>","a"]`,
        );
      },
    ),
    example(
      "a token already in the vocabulary keeps its index: <unk> occurring in the corpus or listed as reserved, a reserved token listed twice; tokens such as '10', '2' and '__proto__' keep their first-seen order",
      async (s) => {
        const tokens = ['<unk>', 'a', '<unk>', 'b', 'a', 'a'];
        for (const reserved of [['<pad>'], ['<pad>', '<unk>', '<pad>']]) {
          const u = await vocab(s, tokens, 0, reserved);
          ensure(
            show(u.idxToToken) === show(['<unk>', '<pad>', 'a', 'b']),
            `${args(tokens, 0, reserved)}.idxToToken is ${show(u.idxToToken)}, expected ["<unk>","<pad>","a","b"]`,
          );
        }
        const v = await vocab(s, tokens, 0, ['<pad>'], ['<unk>', 'b']);
        ensure(
          show(v.tokenFreqs) ===
            show([
              ['a', 3],
              ['<unk>', 2],
              ['b', 1],
            ]) && show(v.probeIndices) === show([0, 3]),
          `tokenFreqs ${show(v.tokenFreqs)} and toIndices(["<unk>","b"]) ${show(v.probeIndices)}: expected [["a",3],["<unk>",2],["b",1]] and [0,3]`,
        );
        const odd = ['10', '2', 'constructor', '__proto__', '2', '10', 'x'];
        const w = await vocab(s, [odd], 0, [], ['__proto__', 'constructor', 'toString']);
        ensure(
          show(w.idxToToken) === show(['<unk>', '10', '2', 'constructor', '__proto__', 'x']),
          `${args([odd])}.idxToToken is ${show(w.idxToToken)}, expected ["<unk>","10","2","constructor","__proto__","x"] (ties first-seen)`,
        );
        ensure(
          show(w.probeIndices) === show([4, 3, 0]),
          `toIndices(["__proto__","constructor","toString"]) is ${show(w.probeIndices)}, expected [4,3,0]`,
        );
      },
    ),
    example('minFreq equal to the largest count keeps the tokens counted that often', async (s) => {
      const v = await vocab(
        s,
        [
          ['a', 'b', 'a'],
          ['c', 'b'],
        ],
        2,
        undefined,
      );
      ensure(
        show(v.idxToToken) === show(['<unk>', 'a', 'b']),
        `new Vocab([["a","b","a"],["c","b"]], 2).idxToToken is ${show(v.idxToToken)}, expected ["<unk>","a","b"]`,
      );
    }),
    property('countCorpus counts tokens, flattening lines, in first-seen order', corpus, async (s, tokens) => {
      const got = await s.call('countCorpus', tokens);
      const expected = [...ref.countCorpus(tokens)];
      ensure(got instanceof Map, `countCorpus should return a Map, got ${show(got)}`);
      ensure(
        show([...got]) === show(expected),
        `countCorpus(${show(tokens)}) is ${show([...got])}, expected ${show(expected)}`,
      );
    }),
    rejects(
      'an empty corpus, [] or lines with no token in them ([[]], [[], []]), is an EmptyCorpusError',
      async (s) => {
        for (const tokens of [[], [[]], [[], []]])
          await expectError(s, tokens, 0, 'emptyCorpus', 'EmptyCorpusError', []);
      },
    ),
    rejects('a minFreq larger than every count is an EmptyVocabularyError naming the largest count', async (s) => {
      await expectError(s, [['a', 'b', 'a'], ['c']], 3, 'emptyVocabulary', 'EmptyVocabularyError', ['2']);
    }),
  ],
});
