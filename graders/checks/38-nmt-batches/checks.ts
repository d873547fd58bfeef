import * as fc from 'fast-check';
import * as ref from '../../../reference/38-nmt-batches';
import { seeded } from '../../lib/arbitraries';
import { defineExercise, example, property, reference, rejects } from '../../lib/checks';
import { expectClose, expectTensor } from '../../lib/compare';
import { CheckFailure, ensure } from '../../lib/failure';
import { expectSameData, show, translationCorpus } from '../../lib/nmt';
import { callRef } from '../../lib/rnn';
import type { Subject } from '../../lib/subject';
import type { TensorData } from '../../lib/tensor-data';

const EXACT = { atol: 0, rtol: 0 };

/** Words of which some are frequent, some rare (so outside a min_freq-2 vocabulary), and one never in it. */
const WORDS = ['go', 'va', '.', '!', 'je', 'tu', 'il', 'rare', 'zzz'];
const tokenLine = (max: number) => fc.array(fc.constantFrom(...WORDS), { maxLength: max });
/** Lines to build a vocabulary from: every word but 'zzz', 'rare' once at most. */
const vocabLines = fc
  .array(fc.array(fc.constantFrom('go', 'va', '.', '!', 'je', 'tu', 'il'), { minLength: 1, maxLength: 6 }), {
    minLength: 1,
    maxLength: 6,
  })
  .map((ls) => [...ls, ['go', 'go', 'rare']]);

interface Arrays {
  array: TensorData;
  validLen: TensorData;
}

function arraysOf(v: unknown, n: number, numSteps: number, what: string): Arrays {
  const o = v as Partial<Arrays> | null;
  if (o === null || typeof o !== 'object') throw new CheckFailure(`${what} should return { array, validLen }`);
  const array = expectTensor(o.array, `${what}.array`, [n, numSteps]);
  const validLen = expectTensor(o.validLen, `${what}.validLen`, [n]);
  ensure(array.dtype === 'int32' && validLen.dtype === 'int32', `${what}: array and validLen should be int32 tensors`);
  return { array, validLen };
}

async function buildArray(s: Subject, lines: string[][], vocab: string[][], numSteps: number): Promise<Arrays> {
  const what = `buildArrayNmt(${show(lines)}, vocabulary, ${numSteps})`;
  return arraysOf(await s.call('driveBuildArrayNmt', lines, vocab, numSteps), lines.length, numSteps, what);
}

/** 20 to 60 consecutive lines of the translation corpus, a limit, and the minibatch settings. */
const corpusCase = seeded((rng) => {
  const all = translationCorpus('train').split('\n');
  const start = rng.int(all.length - 70);
  const count = 20 + rng.int(41);
  return {
    text: `${all.slice(start, start + count).join('\n')}\n`,
    batchSize: 1 + rng.int(16),
    numSteps: 3 + rng.int(8),
    numExamples: rng.uniform() < 0.3 ? 0 : 5 + rng.int(count),
    seed: rng.int(1000),
  };
});

interface LoadedVocab {
  idxToToken?: unknown;
}

export default defineExercise({
  id: '38-nmt-batches',
  title: 'Machine translation data: vocabularies, truncation and padding, minibatches',
  file: 'batches.ts',
  uses: ['27-vocab', '37-nmt-preprocess'],
  checks: [
    example(
      "truncatePad: d2l's truncate_pad(src_vocab[['go', '.']], 10, pad) = [47, 4, 1, 1, 1, 1, 1, 1, 1, 1], and a long line is cut",
      async (s) => {
        expectSameData(
          await s.call('truncatePad', [47, 4], 10, 1),
          [47, 4, 1, 1, 1, 1, 1, 1, 1, 1],
          'truncatePad([47, 4], 10, 1)',
        );
        const long = [5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16];
        expectSameData(
          await s.call('truncatePad', long, 10, 1),
          long.slice(0, 10),
          `truncatePad(${show(long)}, 10, 1)`,
        );
      },
    ),
    property(
      'truncatePad gives numSteps entries: the first min(length, numSteps) of the line, then padding',
      fc.record({ line: fc.array(fc.nat(50), { maxLength: 14 }), numSteps: fc.integer({ min: 1, max: 12 }) }),
      async (s, { line, numSteps }) => {
        const expected = Array.from({ length: numSteps }, (_, i) => (i < line.length ? line[i] : 99));
        expectSameData(
          await s.call('truncatePad', line, numSteps, 99),
          expected,
          `truncatePad(${show(line)}, ${numSteps}, 99)`,
        );
      },
    ),
    reference(
      "nmtVocab is d2l's vocabulary: <unk>, <pad>, <bos>, <eos>, then the tokens seen at least twice by count",
      // Some token twice at least: else the vocabulary would be <unk> alone (an EmptyVocabularyError).
      fc
        .array(tokenLine(6), { minLength: 1, maxLength: 8 })
        .filter((ls) => ls.flat().some((t, i, all) => all.indexOf(t) !== i)),
      async (s, lines) => {
        const got = (await s.call('nmtVocab', lines)) as LoadedVocab | null;
        const expected = ref.nmtVocab(lines).idxToToken;
        expectSameData(got?.idxToToken, expected, `nmtVocab(${show(lines)}).idxToToken`);
      },
    ),
    reference(
      'buildArrayNmt matches the reference: indices, <eos>, truncation or padding to numSteps, the valid lengths',
      fc.record({
        lines: fc.array(tokenLine(12), { minLength: 1, maxLength: 5 }),
        vocab: vocabLines,
        numSteps: fc.integer({ min: 1, max: 10 }),
      }),
      async (s, { lines, vocab, numSteps }) => {
        const got = await buildArray(s, lines, vocab, numSteps);
        // The Vocab is built inside: callRef would turn it into a plain record.
        const expected = callRef<Arrays>(() => ref.buildArrayNmt(lines, ref.nmtVocab(vocab), numSteps));
        const where = `for lines ${show(lines)} and numSteps ${numSteps}`;
        expectClose(got.array, expected.array, `the array ${where}`, EXACT);
        expectClose(got.validLen, expected.validLen, `the valid lengths ${where}`, EXACT);
      },
    ),
    example(
      'words outside the vocabulary become <unk> (index 0): [zzz, go, rare] → [0, go, 0, <eos>, <pad>, …]',
      async (s) => {
        const vocab = [['go', 'va'], ['go', 'va'], ['rare']];
        const { array, validLen } = await buildArray(s, [['zzz', 'go', 'rare']], vocab, 6);
        const go = ref.nmtVocab(vocab).tokenToIdx.get('go')!;
        expectSameData([...array.values], [0, go, 0, 3, 1, 1], "buildArrayNmt([['zzz', 'go', 'rare']], …, 6).array");
        expectSameData([...validLen.values], [4], 'its valid length');
      },
    ),
    reference(
      'loadDataNmt matches the reference on corpus lines: both vocabularies, then every minibatch in the seeded order',
      corpusCase,
      async (s, { text, batchSize, numSteps, numExamples, seed }) => {
        const where = `loadDataNmt(text, batchSize ${batchSize}, numSteps ${numSteps}, numExamples ${numExamples}, seed ${seed})`;
        const got = (await s.call('loadDataNmt', text, batchSize, numSteps, numExamples, seed)) as {
          batches?: unknown;
          srcVocab?: LoadedVocab;
          tgtVocab?: LoadedVocab;
        } | null;
        if (got === null || typeof got !== 'object')
          throw new CheckFailure(`${where} should return { batches, srcVocab, tgtVocab }`);
        const expected = callRef<{
          batches: Record<string, TensorData>[];
          srcVocab: { idxToToken: string[] };
          tgtVocab: { idxToToken: string[] };
        }>(ref.loadDataNmt, text, batchSize, numSteps, numExamples, seed);
        expectSameData(got.srcVocab?.idxToToken, expected.srcVocab.idxToToken, `the source vocabulary of ${where}`);
        expectSameData(got.tgtVocab?.idxToToken, expected.tgtVocab.idxToToken, `the target vocabulary of ${where}`);
        ensure(
          Array.isArray(got.batches) && got.batches.length === expected.batches.length,
          `${where} should give ${expected.batches.length} minibatches, got ${Array.isArray(got.batches) ? got.batches.length : show(got.batches)}`,
        );
        expected.batches.forEach((e, b) => {
          const g = (got.batches as Record<string, unknown>[])[b] ?? {};
          for (const key of ['X', 'XValidLen', 'Y', 'YValidLen'])
            expectClose(g[key], e[key]!, `minibatch ${b}'s ${key} of ${where}`, EXACT);
        });
      },
      { numRuns: 10 },
    ),
    rejects('numSteps not a whole number >= 1, or batchSize < 1, is a HyperparameterError naming it', async (s) => {
      for (const numSteps of [0, -1, 2.5]) {
        await s.rejects(
          'truncatePad',
          [[1, 2], numSteps, 0],
          /numSteps/,
          `when truncatePad gets numSteps = ${numSteps}`,
          'HyperparameterError',
        );
        await s.rejects(
          'driveBuildArrayNmt',
          [[['go']], [['go', 'go']], numSteps],
          /numSteps/,
          `when buildArrayNmt gets numSteps = ${numSteps}`,
          'HyperparameterError',
        );
      }
      const text = 'Go.\tVa !\nGo.\tVa !\n';
      await s.rejects(
        'loadDataNmt',
        [text, 2, 0, 0, 1],
        /numSteps/,
        'when loadDataNmt gets numSteps = 0',
        'HyperparameterError',
      );
      await s.rejects(
        'loadDataNmt',
        [text, 0, 5, 0, 1],
        /batchSize/,
        'when loadDataNmt gets batchSize = 0',
        'HyperparameterError',
      );
    }),
  ],
});
