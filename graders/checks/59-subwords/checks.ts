import * as fc from 'fast-check';
import * as ref from '../../../reference/59-subwords';
import { normalTensor, seeded } from '../../lib/arbitraries';
import { defineExercise, example, gradient, property, reference, rejects } from '../../lib/checks';
import { expectClose, expectTensor } from '../../lib/compare';
import { CheckFailure, ensure } from '../../lib/failure';
import type { Subject } from '../../lib/subject';
import { TensorData } from '../../lib/tensor-data';
import { viaTf } from '../../lib/tf-interop';

const refVectors = viaTf(ref.wordVectors);

const show = (v: unknown) => JSON.stringify(v, (_, x) => (x instanceof Map ? [...x] : x));

/** Words over a few letters (so n-grams repeat), now and then a letter outside the BMP. */
const wordArb = fc
  .array(fc.constantFrom('a', 'n', 'b', 'e', 'r', 'é', '😀'), { minLength: 1, maxLength: 9 })
  .map((cs) => cs.join(''));
const rangeArb = fc
  .integer({ min: 1, max: 5 })
  .chain((minN) => fc.record({ minN: fc.constant(minN), maxN: fc.integer({ min: minN, max: minN + 4 }) }));

async function subwordsOf(s: Subject, word: string, minN?: number, maxN?: number): Promise<string[]> {
  const args = minN === undefined ? [word] : [word, minN, maxN];
  const got = await s.call('subwords', ...args);
  if (!Array.isArray(got) || !got.every((g) => typeof g === 'string'))
    throw new CheckFailure(`subwords(${show(word)}) should return a list of strings, got ${show(got)}`);
  return got as string[];
}

/** Words, subword vectors Z for a vocabulary built from some of them (others unseen), and a range. */
const vectorCase = seeded((rng) => {
  const letters = ['a', 'n', 'b', 'e', 'r', 'w', 'h'];
  const word = () => Array.from({ length: 1 + rng.int(6) }, () => letters[rng.int(letters.length)]!).join('');
  const minN = 2 + rng.int(2);
  const maxN = minN + rng.int(3);
  const known = Array.from({ length: 1 + rng.int(3) }, word);
  const index = ref.subwordVocab(known, minN, maxN);
  const words = [...known.slice(0, 1 + rng.int(known.length)), ...Array.from({ length: 1 + rng.int(3) }, word)];
  return { words, index, minN, maxN, Z: normalTensor(rng, [index.size, 1 + rng.int(3)]) };
});

async function vectors(
  s: Subject,
  words: string[],
  Z: TensorData,
  index: Map<string, number>,
  minN: number,
  maxN: number,
): Promise<TensorData> {
  return expectTensor(
    await s.call('wordVectors', words, Z, index, minN, maxN),
    `wordVectors(${show(words)}, Z, index, ${minN}, ${maxN})`,
    [words.length, Z.shape[1]!],
  );
}

export default defineExercise({
  id: '59-subwords',
  title: "fastText's subwords",
  file: 'subwords.ts',
  checks: [
    example(
      "the book's example: the 3-grams of 'where' are <wh, whe, her, ere, re>, and the special subword <where>",
      async (s) => {
        const got = await subwordsOf(s, 'where', 3, 3);
        const expected = ['<wh', 'whe', 'her', 'ere', 're>', '<where>'];
        ensure(show(got) === show(expected), `subwords('where', 3, 3) is ${show(got)}, expected ${show(expected)}`);
      },
    ),
    example(
      "fastText's lengths 3 to 6 (the defaults): 'where' has 5 + 4 + 3 + 2 n-grams and <where>, 15 subwords; 'a' has only <a>",
      async (s) => {
        const got = await subwordsOf(s, 'where');
        ensure(
          got.length === 15 && got.includes('<where') && got.includes('here>') && got.at(-1) === '<where>',
          `subwords('where') is ${show(got)}: expected its 14 n-grams of length 3 to 6, then '<where>'`,
        );
        const a = await subwordsOf(s, 'a');
        ensure(
          show(a) === show(['<a>']),
          `subwords('a') is ${show(a)}: its only 3-gram, '<a>', is also its special subword, which G_w holds once`,
        );
      },
    ),
    reference(
      'subwords matches the reference: n ascending, left to right, each subword once, the special one last (code points, not UTF-16 units)',
      fc.tuple(wordArb, rangeArb),
      async (s, [word, { minN, maxN }]) => {
        const got = await subwordsOf(s, word, minN, maxN);
        const expected = ref.subwords(word, minN, maxN);
        ensure(
          show(got) === show(expected),
          `subwords(${show(word)}, ${minN}, ${maxN}) is ${show(got)}, expected ${show(expected)}`,
        );
      },
    ),
    property(
      "every subword is an n-gram of '<word>' with minN ≤ n ≤ maxN, or '<word>' itself, and none comes twice",
      fc.tuple(wordArb, rangeArb),
      async (s, [word, { minN, maxN }]) => {
        const got = await subwordsOf(s, word, minN, maxN);
        const full = `<${word}>`;
        const bad = got.find(
          (g) => g !== full && !(full.includes(g) && [...g].length >= minN && [...g].length <= maxN),
        );
        ensure(
          bad === undefined,
          `subwords(${show(word)}, ${minN}, ${maxN}) holds ${show(bad)}, which is not an n-gram of ${show(full)} with ${minN} ≤ n ≤ ${maxN}`,
        );
        ensure(
          new Set(got).size === got.length,
          `subwords(${show(word)}, ${minN}, ${maxN}) holds ${show(got.find((g, i) => got.indexOf(g) !== i))} twice: G_w is a set`,
        );
        ensure(got.includes(full), `subwords(${show(word)}, ${minN}, ${maxN}) lacks the special subword ${show(full)}`);
      },
    ),
    reference(
      'subwordVocab numbers every subword of the words 0, 1, 2, … in the order first met',
      fc.tuple(fc.array(wordArb, { minLength: 1, maxLength: 4 }), rangeArb),
      async (s, [words, { minN, maxN }]) => {
        const got = await s.call('subwordVocab', words, minN, maxN);
        const expected = ref.subwordVocab(words, minN, maxN);
        ensure(got instanceof Map, `subwordVocab should return a Map from subword to index, got ${show(got)}`);
        ensure(
          show(got) === show(expected),
          `subwordVocab(${show(words)}, ${minN}, ${maxN}) is ${show(got)}, expected ${show(expected)}`,
        );
      },
    ),
    reference(
      'wordVectors is the sum of the vectors of the known subwords of each word (unseen words included)',
      vectorCase,
      async (s, { words, index, minN, maxN, Z }) => {
        expectClose(
          await vectors(s, words, Z, index, minN, maxN),
          refVectors(words as string[], Z as TensorData, index as Map<string, number>, minN as number, maxN as number),
          `wordVectors(${show(words)}, Z, index, ${minN}, ${maxN})`,
        );
      },
    ),
    property(
      "with one-hot subword vectors (Z = I), a word's vector marks each subword of G_w once and nothing else",
      vectorCase,
      async (s, { words, index, minN, maxN }) => {
        const G = index.size;
        const I = TensorData.float(
          [G, G],
          Array.from({ length: G * G }, (_, k) => (Math.floor(k / G) === k % G ? 1 : 0)),
        );
        const got = await vectors(s, words, I, index, minN, maxN);
        words.forEach((w, r) => {
          const expected = new Set(
            ref
              .subwords(w, minN, maxN)
              .filter((g) => index.has(g))
              .map((g) => index.get(g)!),
          );
          const k = got.rows()[r]!.findIndex((v, i) => v !== (expected.has(i) ? 1 : 0));
          ensure(
            k < 0,
            `with Z = I the vector of ${show(w)} has ${got.get(r, k)} at the subword ${show([...index].find(([, i]) => i === k)?.[0])}, expected ${expected.has(k) ? 1 : 0}`,
          );
        });
      },
    ),
    gradient('the gradient of wordVectors with respect to Z matches finite differences', {
      fn: 'wordVectors',
      args: vectorCase.map(({ words, Z, index, minN, maxN }) => [words, Z, index, minN, maxN]),
      wrt: [1],
      forward: (words, Z, index, minN, maxN) =>
        refVectors(words as string[], Z as TensorData, index as Map<string, number>, minN as number, maxN as number),
    }),
    rejects('n-gram lengths outside their range are a HyperparameterError naming minN or maxN', async (s) => {
      await s.rejects('subwords', ['where', 0, 3], /minN/, 'when minN = 0', 'HyperparameterError');
      await s.rejects('subwords', ['where', 1.5, 3], /minN/, 'when minN = 1.5', 'HyperparameterError');
      await s.rejects('subwords', ['where', 4, 3], /maxN/, 'when maxN = 3 < minN = 4', 'HyperparameterError');
    }),
  ],
});
