import * as tf from '@tensorflow/tfjs';
import * as fc from 'fast-check';
import { join } from 'node:path';
import { root } from '../../../bin/project.mjs';
import { readTextFile } from '../../../reference/data-hub';
import { wikiParagraphs } from '../../../reference/wikitext2';
import { HyperparameterError } from '../../../reference/errors';
import * as ref from '../../../reference/63-bert-pretrain-data';
import { bertEvalLosses, bertTrainStep, bertVariables, initBert } from '../../../reference/bert-model';
import type { Rng } from '../../../reference/random';
import { seeded } from '../../lib/arbitraries';
import { defineExercise, example, property, reference, rejects, training } from '../../lib/checks';
import { expectClose, expectTensor } from '../../lib/compare';
import { CheckFailure, ensure } from '../../lib/failure';
import { expectProportion } from '../../lib/proportions';
import type { Subject } from '../../lib/subject';
import { formatNumber, TensorData } from '../../lib/tensor-data';
import { fromTensor, toTensor } from '../../lib/tf-interop';

const show = (v: unknown) => JSON.stringify(v);
const clip = (text: string, max = 300) => (text.length > max ? `${text.slice(0, max)}…` : text);
const seedArb = fc.integer({ min: 0, max: 2 ** 30 });

const FIELDS = ['tokenIds', 'segments', 'validLens', 'predPositions', 'mlmWeights', 'mlmLabels', 'nspLabels'] as const;
type Field = (typeof FIELDS)[number];
type Tensors = Record<Field, TensorData>;
const DTYPES: Record<Field, 'int32' | 'float32'> = {
  tokenIds: 'int32',
  segments: 'int32',
  validLens: 'float32',
  predPositions: 'int32',
  mlmWeights: 'float32',
  mlmLabels: 'int32',
  nspLabels: 'int32',
};

const POOL = ['the', 'cow', 'is', 'in', 'meadow', 'we', 'milk', 'a', 'goat', '.', 'farmer'];
const VOCAB = [
  '<unk>',
  '<pad>',
  '<mask>',
  '<cls>',
  '<sep>',
  'the',
  'cow',
  'is',
  'in',
  'meadow',
  'we',
  'milk',
  'a',
  'goat',
  '.',
];

const sentenceOf = (rng: Rng, max = 6) => Array.from({ length: 1 + rng.int(max) }, () => POOL[rng.int(POOL.length)]!);

/** Tokenized paragraphs of 2 to 5 sentences, one of them to pair up, and a maxLen that drops some pairs. */
const nspCase = seeded((rng) => {
  const paragraphs = Array.from({ length: 1 + rng.int(4) }, () =>
    Array.from({ length: 2 + rng.int(4) }, () => sentenceOf(rng)),
  );
  return { paragraphs, k: rng.int(paragraphs.length), maxLen: 5 + rng.int(10), seed: rng.int(2 ** 30) };
});

interface Nsp {
  tokens: string[];
  segments: number[];
  isNext: boolean;
}

async function nspOf(
  s: Subject,
  paragraph: string[][],
  paragraphs: string[][][],
  maxLen: number,
  seed: number,
): Promise<Nsp[]> {
  const out = await s.call('getNspDataFromParagraph', paragraph, paragraphs, maxLen, seed);
  if (
    !Array.isArray(out) ||
    !out.every(
      (e) =>
        e !== null &&
        typeof e === 'object' &&
        Array.isArray(e.tokens) &&
        Array.isArray(e.segments) &&
        typeof e.isNext === 'boolean',
    )
  )
    throw new CheckFailure(
      `getNspDataFromParagraph should return a list of { tokens, segments, isNext }, got ${clip(show(out))}`,
    );
  return out as Nsp[];
}

/** A BERT input sequence (<cls> A <sep> B <sep>, no padding), with VOCAB's words and one outside it. */
const mlmCase = seeded((rng) => {
  const a = sentenceOf(rng, 12);
  const b = sentenceOf(rng, 12);
  const tokens = ['<cls>', ...a, '<sep>', ...b, '<sep>'];
  return { tokens, seed: rng.int(2 ** 30), numMlmPreds: 1 + rng.int(5) };
});

const candidatesOf = (tokens: string[]) => tokens.flatMap((t, i) => (t === '<cls>' || t === '<sep>' ? [] : [i]));

interface Replaced {
  mlmInputTokens: string[];
  predPositionsAndLabels: [number, string][];
}

async function replaced(
  s: Subject,
  tokens: string[],
  candidates: number[],
  num: number,
  vocab: string[],
  seed: number,
): Promise<Replaced> {
  const out = (await s.call('replaceMlmTokens', tokens, candidates, num, vocab, seed)) as Partial<Replaced> | null;
  if (
    out === null ||
    typeof out !== 'object' ||
    !Array.isArray(out.mlmInputTokens) ||
    !Array.isArray(out.predPositionsAndLabels)
  )
    throw new CheckFailure(
      'replaceMlmTokens should return { mlmInputTokens: string[], predPositionsAndLabels: [position, label][] }',
    );
  return out as Replaced;
}

interface Mlm {
  tokenIds: number[];
  predPositions: number[];
  mlmPredLabelIds: number[];
}

async function mlmOf(s: Subject, tokens: string[], vocab: string[], seed: number): Promise<Mlm> {
  const out = (await s.call('getMlmDataFromTokens', tokens, vocab, seed)) as Partial<Mlm> | null;
  if (
    out === null ||
    typeof out !== 'object' ||
    !Array.isArray(out.tokenIds) ||
    !Array.isArray(out.predPositions) ||
    !Array.isArray(out.mlmPredLabelIds)
  )
    throw new CheckFailure('getMlmDataFromTokens should return { tokenIds, predPositions, mlmPredLabelIds }');
  return out as Mlm;
}

/** Tensors returned as BertTensors, each of its dtype and of n rows. */
function tensorsOf(out: unknown, n: number, what: string): Tensors {
  if (out === null || typeof out !== 'object') throw new CheckFailure(`${what} should return { ${FIELDS.join(', ')} }`);
  const o = out as Record<string, unknown>;
  return Object.fromEntries(
    FIELDS.map((f) => {
      const t = expectTensor(o[f], `${f} of ${what}`);
      ensure(t.dtype === DTYPES[f], `${f} of ${what} is ${t.dtype}, expected ${DTYPES[f]}`);
      ensure(t.shape[0] === n, `${f} of ${what} has ${t.shape[0]} rows, expected ${n}`);
      return [f, t];
    }),
  ) as Tensors;
}

/** The reference's tensors as data, disposed. */
function refTensors(t: ref.BertTensors): Tensors {
  const out = Object.fromEntries(FIELDS.map((f) => [f, fromTensor(t[f])])) as Tensors;
  tf.dispose(Object.values(t));
  return out;
}

function expectSameTensors(got: Tensors, expected: Tensors, what: string): void {
  for (const f of FIELDS) expectClose(got[f], expected[f], `${f} of ${what}`, { atol: 0, rtol: 0 });
}

/** Examples for padding: ids of VOCAB, up to maxLen tokens and P predictions. */
const padCase = seeded((rng) => {
  const maxLen = 5 + rng.int(30);
  const P = ref.pythonRound(maxLen * 0.15);
  const examples = Array.from({ length: 1 + rng.int(4) }, () => {
    const len = 3 + rng.int(maxLen - 2);
    const k = rng.int(Math.min(P, len) + 1);
    const positions = rng
      .shuffle([...Array(len).keys()])
      .slice(0, k)
      .sort((x, y) => x - y);
    return {
      tokenIds: Array.from({ length: len }, () => rng.int(VOCAB.length)),
      predPositions: positions,
      mlmPredLabelIds: positions.map(() => rng.int(VOCAB.length)),
      segments: Array.from({ length: len }, (_, i) => (i < len / 2 ? 0 : 1)),
      isNext: rng.uniform() < 0.5,
    };
  });
  return { examples, maxLen };
});

/** Raw paragraphs (sentence strings) in which some word reaches d2l's min_freq of 5. */
const rawCase = seeded((rng) => {
  const paragraphs = Array.from({ length: 4 + rng.int(5) }, () =>
    Array.from({ length: 2 + rng.int(4) }, () => sentenceOf(rng, 7).join(' ')),
  );
  return { paragraphs, maxLen: 8 + rng.int(12), seed: rng.int(2 ** 30) };
}).filter(({ paragraphs }) => {
  const counts = new Map<string, number>();
  for (const w of paragraphs.flat().join(' ').split(' ')) counts.set(w, (counts.get(w) ?? 0) + 1);
  return Math.max(...counts.values()) >= 5;
});

async function pipeline(
  s: Subject,
  paragraphs: string[][],
  maxLen: number,
  seed: number,
): Promise<{ idxToToken: string[]; t: Tensors }> {
  const out = (await s.call('bertPretrainData', paragraphs, maxLen, seed)) as Record<string, unknown> | null;
  if (out === null || typeof out !== 'object' || !Array.isArray(out.idxToToken))
    throw new CheckFailure(
      'bertPretrainData should return { idxToToken, tokenIds, segments, validLens, predPositions, mlmWeights, mlmLabels, nspLabels }',
    );
  const n = out.tokenIds instanceof TensorData ? out.tokenIds.shape[0]! : 0;
  return { idxToToken: out.idxToToken as string[], t: tensorsOf(out, n, 'bertPretrainData(paragraphs, maxLen, seed)') };
}

/**
 * The first 120 training paragraphs of fixtures/data/paragraphs, as _read_wiki splits them (read
 * here, in the checks' process; fixtures/data/paragraphs.ts finds its folder by import.meta.dirname,
 * which a CommonJS bundle such as the CLI's does not have).
 */
let course: string[][] | undefined;
const courseParagraphs = () =>
  (course ??= wikiParagraphs(readTextFile(join(root, 'fixtures', 'data', 'paragraphs', 'wiki.train.tokens'))).slice(
    0,
    240,
  ));

/** The training check: the first paragraphs of the course (about 50 examples), maxLen, Adam steps. */
const BERT_PARAGRAPHS = 16;
const BERT_MAX_LEN = 32;
const BERT_STEPS = 40;

export default defineExercise({
  id: '63-bert-pretrain-data',
  title: "BERT's pretraining data: next sentences, masked tokens, padded batches",
  file: 'bert-pretrain-data.ts',
  uses: ['27-vocab', '62-bert-input'],
  checks: [
    example(
      "pythonRound is Python's round: 0.5 → 0, 1.5 → 2, 2.5 → 2, 4.5 → 4 (30 · 0.15), 10.5 → 10 (70 · 0.15), 3.2 → 3, 9.6 → 10 (64 · 0.15)",
      async (s) => {
        const cases: [number, number][] = [
          [0.5, 0],
          [1.5, 2],
          [2.5, 2],
          [30 * 0.15, 4],
          [70 * 0.15, 10],
          [3.2, 3],
          [3.7, 4],
          [64 * 0.15, 10],
          [0.45, 0],
        ];
        for (const [x, r] of cases) {
          const got = await s.call('pythonRound', x);
          ensure(
            got === r,
            `pythonRound(${x}) is ${show(got)}, Python's round gives ${r} (halves go to the even neighbour)`,
          );
        }
      },
    ),
    reference(
      "getNspDataFromParagraph makes d2l's draws: u < 0.5 IsNext, else a random sentence of a random paragraph; too long pairs dropped after their draws",
      nspCase,
      async (s, { paragraphs, k, maxLen, seed }) => {
        const got = await nspOf(s, paragraphs[k]!, paragraphs, maxLen, seed);
        const expected = ref.getNspDataFromParagraph(paragraphs[k]!, paragraphs, maxLen, seed);
        ensure(
          show(got) === show(expected),
          `getNspDataFromParagraph(paragraphs[${k}], paragraphs, ${maxLen}, ${seed}) gave ${clip(show(got))}; d2l's draws give ${clip(show(expected))}`,
          [`paragraphs ${clip(show(paragraphs), 600)}`],
        );
      },
    ),
    property(
      'every pair is <cls> A <sep> B <sep> with A a sentence and B its successor (IsNext) or any sentence of any paragraph (NotNext), segments 0 then 1, at most maxLen tokens',
      nspCase,
      async (s, { paragraphs, k, maxLen, seed }) => {
        const paragraph = paragraphs[k]!;
        const all = paragraphs.flat().map((x) => show(x));
        const got = await nspOf(s, paragraph, paragraphs, maxLen, seed);
        let from = 0;
        for (const e of got) {
          const firstSep = e.tokens.indexOf('<sep>');
          const a = e.tokens.slice(1, firstSep);
          const b = e.tokens.slice(firstSep + 1, -1);
          ensure(
            e.tokens[0] === '<cls>' && e.tokens.at(-1) === '<sep>' && firstSep > 0,
            `the pair ${show(e.tokens)} is not <cls> A <sep> B <sep>`,
          );
          const i = paragraph.findIndex((x, j) => j >= from && j < paragraph.length - 1 && show(x) === show(a));
          ensure(
            i >= 0,
            `the first sentence of ${show(e.tokens)} is not a later sentence of the paragraph than the pair before (A runs through the paragraph in order)`,
          );
          from = i + 1;
          if (e.isNext)
            ensure(
              show(b) === show(paragraph[i + 1]),
              `${show(e.tokens)} is labelled IsNext, but ${show(b)} does not follow ${show(a)}`,
            );
          else ensure(all.includes(show(b)), `the NotNext sentence ${show(b)} is no sentence of the paragraphs`);
          ensure(
            e.tokens.length <= maxLen,
            `${show(e.tokens)} has ${e.tokens.length} tokens, more than maxLen = ${maxLen}`,
          );
          const seg = [...Array(a.length + 2).fill(0), ...Array(b.length + 1).fill(1)];
          ensure(
            show(e.segments) === show(seg),
            `the segments of ${show(e.tokens)} are ${show(e.segments)}, expected ${show(seg)}`,
          );
        }
        if (paragraphs.flat().every((x) => x.length <= 1))
          ensure(
            got.length === paragraph.length - 1 || maxLen < 5,
            `with room for every pair, expected ${paragraph.length - 1} pairs, got ${got.length}`,
          );
      },
    ),
    property(
      'next-sentence labels are balanced: IsNext about half the time (five standard errors over 600 pairs)',
      seedArb,
      async (s, seed) => {
        const paragraph = Array.from({ length: 601 }, (_, i) => [`w${i}`]);
        const got = await nspOf(s, paragraph, [paragraph], 10, seed);
        ensure(
          got.length === 600,
          `601 one-word sentences make 600 pairs (none too long for maxLen 10), got ${got.length}`,
        );
        expectProportion(got.filter((e) => e.isNext).length, 600, 0.5, 'pairs labelled IsNext');
      },
      { numRuns: 3 },
    ),
    reference(
      "replaceMlmTokens makes d2l's draws: shuffle a copy of the candidates, then per position u < 0.8 <mask>, else u' < 0.5 unchanged, else a random token of the vocabulary",
      mlmCase,
      async (s, { tokens, seed, numMlmPreds }) => {
        const c = candidatesOf(tokens);
        const got = await replaced(s, tokens, c, numMlmPreds, VOCAB, seed);
        const expected = ref.replaceMlmTokens(tokens, c, numMlmPreds, VOCAB, seed);
        ensure(
          show(got) === show(expected),
          `replaceMlmTokens(${show(tokens)}, …, ${numMlmPreds}, seed ${seed}) gave ${clip(show(got))}; d2l's draws give ${clip(show(expected))}`,
        );
      },
    ),
    property(
      'replacements follow 80 % <mask>, 10 % unchanged, 10 % a random token (five standard errors over 1000 positions)',
      seedArb,
      async (s, seed) => {
        // 1000 positions, every word once in the vocabulary of V tokens: a random token is '<mask>' or the word itself 1/V of the time.
        const words = VOCAB.slice(5);
        const tokens = Array.from({ length: 1000 }, (_, i) => words[(i * 7) % words.length]!);
        const got = await replaced(s, tokens, [...tokens.keys()], 1000, VOCAB, seed);
        const V = VOCAB.length;
        const n = got.predPositionsAndLabels.length;
        ensure(n === 1000, `with 1000 candidates and numMlmPreds 1000, expected 1000 predictions, got ${n}`);
        const masked = got.mlmInputTokens.filter((t) => t === '<mask>').length;
        const kept = got.mlmInputTokens.filter((t, i) => t === tokens[i]).length;
        expectProportion(masked, n, 0.8 + 0.1 / V, 'positions replaced by <mask>');
        expectProportion(kept, n, 0.1 + 0.1 / V, 'positions left unchanged');
        expectProportion(
          n - masked - kept,
          n,
          0.1 * (1 - 2 / V),
          'positions replaced by another token of the vocabulary',
        );
      },
      { numRuns: 2 },
    ),
    property(
      'min(numMlmPreds, candidates) predictions at distinct candidate positions; each label is the original token, every other position unchanged',
      mlmCase,
      async (s, { tokens, seed, numMlmPreds }) => {
        const c = candidatesOf(tokens).filter((_, i) => i % 2 === 0);
        const got = await replaced(s, tokens, c, numMlmPreds, VOCAB, seed);
        const positions = got.predPositionsAndLabels.map(([p]) => p);
        ensure(
          positions.length === Math.min(numMlmPreds, c.length),
          `${positions.length} predictions for numMlmPreds ${numMlmPreds} and ${c.length} candidates`,
        );
        ensure(
          new Set(positions).size === positions.length && positions.every((p) => c.includes(p)),
          `the predictions are at ${show(positions)}: distinct positions among the candidates ${show(c)}`,
        );
        for (const [p, label] of got.predPositionsAndLabels)
          ensure(
            label === tokens[p],
            `the label at position ${p} is ${show(label)}, but the original token there is ${show(tokens[p])}`,
          );
        tokens.forEach((t, i) => {
          if (!positions.includes(i))
            ensure(
              got.mlmInputTokens[i] === t,
              `position ${i} (${show(t)}) is no prediction, yet it became ${show(got.mlmInputTokens[i])}`,
            );
          else
            ensure(
              VOCAB.includes(got.mlmInputTokens[i]!),
              `position ${i} became ${show(got.mlmInputTokens[i])}, which is neither <mask> nor a token of the vocabulary`,
            );
        });
      },
    ),
    example(
      "15 % of the sequence, Python-rounded, at least 1: 30 tokens → 4 predictions (round(4.5) = 4), 10 → 2, 70 → 10, 6 → 1, and '<cls> a <sep>' → 1",
      async (s) => {
        for (const [len, expected] of [
          [30, 4],
          [10, 2],
          [70, 10],
          [6, 1],
          [3, 1],
        ] as const) {
          const tokens = ['<cls>', ...Array.from({ length: len - 2 }, (_, i) => VOCAB[5 + (i % 10)]!), '<sep>'];
          const got = await mlmOf(s, tokens, VOCAB, len);
          ensure(
            got.predPositions.length === expected,
            `a sequence of ${len} tokens gets ${got.predPositions.length} predictions, expected max(1, round(${len} · 0.15)) = ${expected}`,
          );
        }
      },
    ),
    reference(
      "getMlmDataFromTokens matches the reference: d2l's candidates, count, draws, order and ids",
      mlmCase,
      async (s, { tokens, seed }) => {
        const withUnknown = tokens.map((t, i) => (i === 2 ? 'farmer' : t));
        const got = await mlmOf(s, withUnknown, VOCAB, seed);
        const expected = ref.getMlmDataFromTokens(withUnknown, VOCAB, seed);
        ensure(
          show(got) === show(expected),
          `getMlmDataFromTokens(${show(withUnknown)}, VOCAB, ${seed}) gave ${show(got)}, expected ${show(expected)}`,
        );
      },
    ),
    property(
      "special tokens are never predicted; positions ascend; the labels are the original tokens' ids; every other id is the original token's ('<unk>' = 0 outside the vocabulary)",
      mlmCase,
      async (s, { tokens, seed }) => {
        const got = await mlmOf(s, tokens, VOCAB, seed);
        const id = (t: string) => Math.max(0, VOCAB.indexOf(t));
        ensure(
          got.predPositions.every((p, i) => i === 0 || p > got.predPositions[i - 1]!),
          `the positions ${show(got.predPositions)} are not ascending`,
        );
        ensure(
          got.predPositions.every((p) => tokens[p] !== '<cls>' && tokens[p] !== '<sep>'),
          `a special token is predicted: positions ${show(got.predPositions)} of ${show(tokens)}`,
        );
        ensure(
          show(got.mlmPredLabelIds) === show(got.predPositions.map((p) => id(tokens[p]!))),
          `the label ids ${show(got.mlmPredLabelIds)} are not the ids of the tokens at ${show(got.predPositions)}`,
        );
        tokens.forEach((t, i) => {
          if (!got.predPositions.includes(i))
            ensure(
              got.tokenIds[i] === id(t),
              `position ${i} (${show(t)}) has id ${got.tokenIds[i]}, expected ${id(t)}`,
            );
        });
      },
    ),
    example(
      'padding to maxLen 30: <pad> ids after the tokens, valid lengths, 4 prediction slots (round(4.5) = 4) with weights 1 then 0, IsNext as 1',
      async (s) => {
        const examples = [
          {
            tokenIds: [3, 5, 2, 7, 4, 8, 9, 4],
            predPositions: [2, 5],
            mlmPredLabelIds: [6, 8],
            segments: [0, 0, 0, 0, 0, 1, 1, 1],
            isNext: true,
          },
          {
            tokenIds: [3, 10, 4, 2, 4],
            predPositions: [3],
            mlmPredLabelIds: [12],
            segments: [0, 0, 0, 1, 1],
            isNext: false,
          },
        ];
        const got = tensorsOf(
          await s.call('padBertInputs', examples, 30, VOCAB),
          2,
          'padBertInputs(examples, 30, vocabulary)',
        );
        const pad = (row: number[], n: number, v: number) => [...row, ...Array(n - row.length).fill(v)];
        const expected: Tensors = {
          tokenIds: TensorData.int(
            [2, 30],
            [...pad(examples[0]!.tokenIds, 30, 1), ...pad(examples[1]!.tokenIds, 30, 1)],
          ),
          segments: TensorData.int(
            [2, 30],
            [...pad(examples[0]!.segments, 30, 0), ...pad(examples[1]!.segments, 30, 0)],
          ),
          validLens: TensorData.float([2], [8, 5]),
          predPositions: TensorData.int([2, 4], [2, 5, 0, 0, 3, 0, 0, 0]),
          mlmWeights: TensorData.float([2, 4], [1, 1, 0, 0, 1, 0, 0, 0]),
          mlmLabels: TensorData.int([2, 4], [6, 8, 0, 0, 12, 0, 0, 0]),
          nspLabels: TensorData.int([2], [1, 0]),
        };
        expectSameTensors(got, expected, 'padBertInputs(examples, 30, vocabulary)');
      },
    ),
    reference('padBertInputs matches the reference', padCase, async (s, { examples, maxLen }) => {
      const got = tensorsOf(
        await s.call('padBertInputs', examples, maxLen, VOCAB),
        examples.length,
        `padBertInputs(examples, ${maxLen})`,
      );
      expectSameTensors(
        got,
        refTensors(ref.padBertInputs(examples, maxLen, VOCAB)),
        `padBertInputs(examples, ${maxLen})`,
      );
    }),
    property(
      "padding never changes the unpadded part: the first validLen ids, segments and predictions are the example's own",
      padCase,
      async (s, { examples, maxLen }) => {
        const t = tensorsOf(
          await s.call('padBertInputs', examples, maxLen, VOCAB),
          examples.length,
          `padBertInputs(examples, ${maxLen})`,
        );
        const rows = (f: Field) => t[f].rows();
        examples.forEach((e, b) => {
          const L = e.tokenIds.length;
          const k = e.predPositions.length;
          ensure(
            t.validLens.values[b] === L,
            `validLens[${b}] is ${t.validLens.values[b]}, but the example has ${L} tokens`,
          );
          ensure(
            show(rows('tokenIds')[b]!.slice(0, L)) === show(e.tokenIds),
            `the first ${L} ids of row ${b} are ${show(rows('tokenIds')[b]!.slice(0, L))}, the example's are ${show(e.tokenIds)}`,
          );
          ensure(
            show(rows('segments')[b]!.slice(0, L)) === show(e.segments),
            `the first ${L} segments of row ${b} are not the example's`,
          );
          ensure(
            show(rows('predPositions')[b]!.slice(0, k)) === show(e.predPositions),
            `the first ${k} prediction positions of row ${b} are not the example's ${show(e.predPositions)}`,
          );
          ensure(
            show(rows('mlmLabels')[b]!.slice(0, k)) === show(e.mlmPredLabelIds),
            `the first ${k} labels of row ${b} are not the example's ${show(e.mlmPredLabelIds)}`,
          );
        });
      },
    ),
    reference(
      "bertPretrainData matches the reference from raw paragraphs: d2l's vocabulary (min_freq 5, <pad> <mask> <cls> <sep>), one seed per call drawn in the stated order",
      rawCase,
      async (s, { paragraphs, maxLen, seed }) => {
        let expected: ref.BertData;
        try {
          expected = ref.bertPretrainData(paragraphs, maxLen, seed);
        } catch (e) {
          // Short maxLen: every pair the draws made can be too long (about 1 case in 300). Then the
          // stated answer is the error, not an empty data set.
          if (!(e instanceof HyperparameterError)) throw e;
          await s.rejects(
            'bertPretrainData',
            [paragraphs, maxLen, seed],
            /maxLen/,
            `when no pair of these paragraphs fits in maxLen = ${maxLen}`,
            'HyperparameterError',
          );
          return;
        }
        const got = await pipeline(s, paragraphs, maxLen, seed);
        const { idxToToken, ...tensors } = expected;
        const want = refTensors(tensors);
        ensure(
          show(got.idxToToken) === show(idxToToken),
          `the vocabulary is ${show(got.idxToToken)}, expected ${show(idxToToken)}`,
        );
        ensure(
          got.t.tokenIds.shape[0] === want.tokenIds.shape[0],
          `bertPretrainData made ${got.t.tokenIds.shape[0]} examples, the reference ${want.tokenIds.shape[0]}`,
        );
        expectSameTensors(got.t, want, `bertPretrainData(paragraphs, ${maxLen}, ${seed})`);
      },
    ),
    property(
      "on the course's paragraphs: each row is <cls> A <sep> B <sep> then <pad>, about 15 % predicted, and IsNext about half the pairs (five standard errors)",
      seedArb,
      async (s, seed) => {
        const { idxToToken, t } = await pipeline(s, courseParagraphs(), 64, seed);
        ensure(
          show(idxToToken.slice(0, 5)) === show(['<unk>', '<pad>', '<mask>', '<cls>', '<sep>']),
          `the vocabulary starts ${show(idxToToken.slice(0, 5))}, expected <unk> <pad> <mask> <cls> <sep>`,
        );
        const n = t.tokenIds.shape[0]!;
        const ids = t.tokenIds.rows();
        const segs = t.segments.rows();
        const weights = t.mlmWeights.rows();
        const predictedAt = t.predPositions
          .rows()
          .map((row, b) => new Set(row.slice(0, weights[b]!.filter((w) => w > 0).length)));
        ids.forEach((row, b) => {
          const L = t.validLens.values[b]!;
          // A predicted position may hold any token (d2l's random replacement draws specials too): look at the others.
          const seps = row.flatMap((x, i) => (x === 4 && i < L && !predictedAt[b]!.has(i) ? [i] : []));
          ensure(
            row[0] === 3 && seps.length === 2 && seps[1] === L - 1,
            `row ${b} is not <cls> A <sep> B <sep> over its valid length ${L}: ${show(row)}`,
          );
          ensure(
            row.slice(L).every((x) => x === 1) && segs[b]!.slice(L).every((x) => x === 0),
            `row ${b} is not padded with <pad> (id 1) and segment 0 after ${L}`,
          );
          ensure(
            segs[b]!.slice(0, L).every((x, i) => x === (i > seps[0]! ? 1 : 0)),
            `the segments of row ${b} are not 0 up to the first <sep>, then 1`,
          );
          ensure(
            predictedAt[b]!.size === Math.max(1, ref.pythonRound(L * 0.15)),
            `row ${b} (${L} tokens) has ${predictedAt[b]!.size} predictions, expected max(1, round(${L} · 0.15))`,
          );
          ensure(
            ![...predictedAt[b]!].some((p) => p === 0 || p === seps[0] || p === L - 1),
            `row ${b} predicts a special token: positions ${show([...predictedAt[b]!])}`,
          );
        });
        expectProportion(
          Array.from(t.nspLabels.values).reduce((a, x) => a + x, 0),
          n,
          0.5,
          `IsNext pairs of the course's first ${courseParagraphs().length} paragraphs`,
        );
      },
      { numRuns: 2 },
    ),
    reference(
      'bertBatches shuffles the examples with makeRng(seed) and gives every one exactly once, batchSize at a time, the last batch shorter',
      fc.tuple(padCase, fc.integer({ min: 1, max: 3 }), seedArb),
      async (s, [{ examples, maxLen }, batchSize, seed]) => {
        const data = tensorsOf(
          await s.call('padBertInputs', examples, maxLen, VOCAB),
          examples.length,
          'padBertInputs',
        );
        const out = await s.call('bertBatches', data, batchSize, seed);
        if (!Array.isArray(out)) throw new CheckFailure('bertBatches should be a generator of batches');
        const dataT = Object.fromEntries(FIELDS.map((f) => [f, toTensor(data[f])])) as unknown as ref.BertTensors;
        const expected = [...ref.bertBatches(dataT, batchSize, seed)].map(refTensors);
        tf.dispose(Object.values(dataT));
        ensure(
          out.length === expected.length,
          `bertBatches gave ${out.length} batches of ${examples.length} examples with batchSize ${batchSize}, expected ${expected.length}`,
        );
        out.forEach((batch, k) =>
          expectSameTensors(
            tensorsOf(batch, expected[k]!.tokenIds.shape[0]!, `batch ${k}`),
            expected[k]!,
            `batch ${k} (seed ${seed})`,
          ),
        );
      },
      { numRuns: 10 },
    ),
    training(
      `a small BERT trained ${BERT_STEPS} steps on the batches of ${BERT_PARAGRAPHS} of the course's paragraphs halves its MLM loss and lowers its NSP loss, both measured on the reference's examples (d2l's _get_batch_loss_bert)`,
      async (s, { seed, note }) => {
        // The pipeline of the course's text, maxLen 32 and one batch of every example (about 50):
        // a few full-batch Adam steps fit both heads to these examples, so each loss falls only
        // if the labels are those of the inputs; MLM labels taken after the replacement make the
        // measured MLM loss rise, swapped NSP labels the NSP loss. Measured with this check's
        // seeds for runs 1 … 30: the MLM loss ends at 0.015 … 0.10 of its start, the NSP loss at
        // 0.04 … 0.53; over 12 other seeds one NSP loss ended at 0.93. Fitting 50 binary labels
        // in 40 steps is uneven (<unk> makes some examples look alike), so the NSP bound is
        // "lower" and the MLM bound, which every seed meets fivefold, is "half".
        const paragraphs = courseParagraphs().slice(0, BERT_PARAGRAPHS);
        const expected = ref.bertPretrainData(paragraphs, BERT_MAX_LEN, seed);
        const { idxToToken, ...expectedT } = expected;
        const V = idxToToken.length;
        const n = expectedT.tokenIds.shape[0];
        const variables: tf.Variable[] = [];
        const optimizer = tf.train.adam(0.01);
        const owned: tf.Tensor[] = [...Object.values(expectedT)];
        try {
          const out = await s.call('bertPretrainData', paragraphs, BERT_MAX_LEN, seed);
          const batches = await s.call('bertBatches', out, 64, seed);
          if (!Array.isArray(batches) || batches.length !== 1)
            throw new CheckFailure(
              `bertBatches(bertPretrainData(…), 64, seed) of ${n} examples should give one batch, got ${Array.isArray(batches) ? batches.length : show(batches)}`,
            );
          const got = tensorsOf(
            batches[0],
            n,
            `the one batch of bertPretrainData(the first ${BERT_PARAGRAPHS} paragraphs, ${BERT_MAX_LEN}, seed)`,
          );
          // Ids the model can embed: a wrong id would read outside the embedding table.
          const within = (f: Field, lo: number, hi: number) => {
            const bad = Array.from(got[f].values).findIndex((x) => !(x >= lo && x < hi));
            ensure(bad < 0, `${f} holds ${got[f].values[bad]} at ${bad}, outside [${lo}, ${hi})`);
          };
          within('tokenIds', 0, V);
          within('segments', 0, 2);
          within('predPositions', 0, BERT_MAX_LEN);
          within('mlmLabels', 0, V);
          within('nspLabels', 0, 2);
          within('validLens', 1, BERT_MAX_LEN + 1);
          const batch = Object.fromEntries(FIELDS.map((f) => [f, toTensor(got[f])])) as unknown as ref.BertTensors;
          owned.push(...Object.values(batch));
          const params = initBert(
            { vocabSize: V, numHiddens: 32, ffnNumHiddens: 64, numHeads: 2, numBlks: 1, maxLen: BERT_MAX_LEN },
            seed,
          );
          variables.push(...bertVariables(params));
          const before = bertEvalLosses(params, expectedT);
          for (let step = 0; step < BERT_STEPS; step++) bertTrainStep(params, optimizer, batch, variables);
          const after = bertEvalLosses(params, expectedT);
          const measured = `MLM loss ${formatNumber(before.mlm)} → ${formatNumber(after.mlm)}, NSP loss ${formatNumber(before.nsp)} → ${formatNumber(after.nsp)} on the reference's ${n} examples after ${BERT_STEPS} steps on yours`;
          note(measured);
          ensure(
            after.mlm <= 0.5 * before.mlm,
            `${measured}: the MLM loss should fall to half or less (do mlmLabels hold the original tokens at predPositions, weighted by mlmWeights?)`,
          );
          ensure(
            after.nsp < before.nsp,
            `${measured}: the NSP loss should fall (is nspLabels 1 for the true next sentence?)`,
          );
        } finally {
          tf.dispose([...variables, ...owned]);
          optimizer.dispose();
        }
      },
    ),
    rejects('an empty paragraph list is an EmptyCorpusError naming paragraphs', async (s) => {
      await s.rejects('bertPretrainData', [[], 64, 0], /paragraphs/, 'when paragraphs is []', 'EmptyCorpusError');
      await s.rejects(
        'getNspDataFromParagraph',
        [[['a'], ['b']], [], 64, 0],
        /paragraphs/,
        'when paragraphs is []',
        'EmptyCorpusError',
      );
    }),
    rejects('a paragraph of one sentence (no pair possible) is a ParagraphTooShortError naming it', async (s) => {
      await s.rejects(
        'getNspDataFromParagraph',
        [[['the', 'cow']], [[['the', 'cow']]], 64, 0],
        /paragraph/,
        'when the paragraph has one sentence',
        'ParagraphTooShortError',
      );
      await s.rejects(
        'bertPretrainData',
        [[['the cow is here', 'we milk it'], ['a lone sentence']], 64, 0],
        /paragraphs\[1\]/,
        'when paragraphs[1] has one sentence',
        'ParagraphTooShortError',
      );
    }),
    rejects(
      'a maxLen too short for <cls> A <sep> B <sep> (below 5), or for any pair, is a HyperparameterError naming maxLen',
      async (s) => {
        await s.rejects(
          'getNspDataFromParagraph',
          [[['a'], ['b']], [[['a'], ['b']]], 4, 0],
          /maxLen/,
          'when maxLen = 4',
          'HyperparameterError',
        );
        await s.rejects(
          'bertPretrainData',
          [[['a b', 'c d']], 3, 0],
          /maxLen/,
          'when maxLen = 3',
          'HyperparameterError',
        );
        const long = Array.from({ length: 5 }, () => ['the cow is in the meadow', 'we milk the cow in the meadow']);
        await s.rejects(
          'bertPretrainData',
          [long, 6, 0],
          /maxLen/,
          'when no pair fits in maxLen = 6',
          'HyperparameterError',
        );
        await s.rejects(
          'bertBatches',
          [{ tokenIds: TensorData.int([1, 5], [3, 5, 4, 6, 4]) }, 0, 0],
          /batchSize/,
          'when batchSize = 0',
          'HyperparameterError',
        );
      },
    ),
  ],
});
