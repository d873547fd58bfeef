import * as fc from 'fast-check';
import { nmtVocab } from '../../../reference/38-nmt-batches';
import { initSeq2seq, seq2seqModel } from '../../../reference/40-seq2seq-decoder';
import { predictSeq2seq } from '../../../reference/43-greedy-predict';
import * as ref from '../../../reference/45-beam-search';
import type { Rng } from '../../../reference/random';
import { seeded } from '../../lib/arbitraries';
import { defineExercise, example, property, reference, rejects } from '../../lib/checks';
import { expectNumberClose, type Tolerance } from '../../lib/compare';
import { CheckFailure, ensure } from '../../lib/failure';
import { expectSameData, show } from '../../lib/nmt';
import { callRef } from '../../lib/rnn';
import type { Subject } from '../../lib/subject';
import type { Table } from './driver';

/** Sums of a few float64 logarithms, in another order. */
const F64: Tolerance = { atol: 1e-12, rtol: 1e-9 };

/** The notes' figures 9.8.1 and 9.8.2: tokens A, B, C and <eos> (3); P of the next token after each prefix, 0.25 each elsewhere. */
const [A, B, C, EOS] = [0, 1, 2, 3];
const NOTES: Table = {
  rows: Object.fromEntries(
    Object.entries({
      '': [0.5, 0.2, 0.2, 0.1],
      '0': [0.1, 0.4, 0.3, 0.2],
      '0,1': [0.2, 0.2, 0.4, 0.2],
      '0,1,2': [0.1, 0.1, 0.2, 0.6],
      '0,2': [0.1, 0.6, 0.2, 0.1],
      '0,2,1': [0.1, 0.2, 0.1, 0.6],
    }).map(([k, ps]) => [k, ps.map(Math.log)]),
  ),
  otherwise: [0.25, 0.25, 0.25, 0.25].map(Math.log),
};

/** A random table: a log-distribution over V tokens (the last is <eos>) for every prefix shorter than maxLen. */
function randomTable(rng: Rng, V: number, maxLen: number): Table {
  const rows: Record<string, number[]> = {};
  const draw = () => {
    const w = Array.from({ length: V }, () => Math.exp(2 * rng.normal()));
    const z = w.reduce((a, b) => a + b, 0);
    return w.map((x) => Math.log(x / z));
  };
  const visit = (prefix: number[]) => {
    rows[prefix.join(',')] = draw();
    if (prefix.length + 1 < maxLen) for (let y = 0; y < V - 1; y++) visit([...prefix, y]);
  };
  visit([]);
  return { rows, otherwise: draw() };
}

const tableCase = (maxV: number, maxLen: number) =>
  seeded((rng) => {
    const V = 2 + rng.int(maxV - 1);
    const len = 1 + rng.int(maxLen);
    return { table: randomTable(rng, V, len), eos: V - 1, maxLen: len, V, alpha: rng.uniform() < 0.3 ? 0 : 0.75 };
  });

const row = (t: Table, p: number[]) => t.rows[p.join(',')] ?? t.otherwise;
const scoreOf = (logProb: number, L: number, alpha: number) => logProb / L ** alpha;

/** Greedy search in float64: the most probable token at each step (the first on ties), until <eos> or maxLen. */
function greedy64(t: Table, eos: number, maxLen: number, alpha: number): ref.Candidate {
  const tokens: number[] = [];
  let logProb = 0;
  while (tokens.length < maxLen && tokens.at(-1) !== eos) {
    const r = row(t, tokens);
    const y = r.indexOf(Math.max(...r));
    tokens.push(y);
    logProb += r[y]!;
  }
  return { tokens, logProb, score: scoreOf(logProb, tokens.length, alpha) };
}

/** Every complete sequence, scored: the best (ties: lexicographically first). */
function exhaustive64(t: Table, eos: number, maxLen: number, alpha: number): ref.Candidate {
  let best: ref.Candidate | undefined;
  const visit = (tokens: number[], logProb: number) =>
    row(t, tokens).forEach((lp, y) => {
      const next = [...tokens, y];
      if (y === eos || next.length === maxLen) {
        const c = { tokens: next, logProb: logProb + lp, score: scoreOf(logProb + lp, next.length, alpha) };
        if (!best || c.score > best.score) best = c;
      } else visit(next, logProb + lp);
    });
  visit([], 0);
  return best!;
}

interface Searched {
  best: ref.Candidate;
  calls: number[][][];
}

async function search(
  s: Subject,
  table: Table,
  eos: number,
  maxLen: number,
  beamSize: number,
  alpha: number,
): Promise<Searched> {
  // beamSize 0 stands for exhaustive search here.
  const got = (
    beamSize === 0
      ? await s.call('driveExhaustive', table, eos, maxLen, alpha)
      : await s.call('driveSearch', table, eos, maxLen, beamSize, alpha)
  ) as Partial<Searched> | null;
  const what =
    beamSize === 0
      ? `exhaustiveSearch(maxLen ${maxLen}, alpha ${alpha})`
      : `beamSearch(maxLen ${maxLen}, beamSize ${beamSize}, alpha ${alpha})`;
  const b = got?.best as Partial<ref.Candidate> | undefined;
  if (!b || !Array.isArray(b.tokens) || typeof b.logProb !== 'number' || typeof b.score !== 'number')
    throw new CheckFailure(`${what} should return a candidate { tokens, logProb, score }, got ${show(got?.best)}`);
  return { best: b as ref.Candidate, calls: got?.calls ?? [] };
}

function expectCandidate(got: ref.Candidate, expected: ref.Candidate, what: string): void {
  expectSameData(got.tokens, expected.tokens, `the tokens ${what}`);
  expectNumberClose(got.logProb, expected.logProb, `Σ log P of ${show(got.tokens)} ${what}`, F64);
  expectNumberClose(got.score, expected.score, `the score Σ log P / L^α of ${show(got.tokens)} ${what}`, F64);
}

const SRC_LINES = [
  ['go', '.'],
  ['go', '.'],
  ['i', 'lost', '.'],
  ['i', 'lost', '.'],
];
const TGT_LINES = [
  ['va', '!'],
  ['va', '!'],
  ["j'ai", 'perdu', '.'],
  ["j'ai", 'perdu', '.'],
];

export default defineExercise({
  id: '45-beam-search',
  title: 'Beam search, greedy search and exhaustive search',
  file: 'beam.ts',
  tensors: false,
  checks: [
    example(
      "the notes' example: greedy (beam 1) finds A B C <eos>, P = 0.5 × 0.4 × 0.4 × 0.6 = 0.048; beam 2 finds A C B <eos>, P = 0.5 × 0.3 × 0.6 × 0.6 = 0.054, the best of all",
      async (s) => {
        const greedy = await search(s, NOTES, EOS, 4, 1, 0.75);
        expectSameData(greedy.best.tokens, [A, B, C, EOS], 'the tokens greedy search (beam 1) finds');
        expectNumberClose(Math.exp(greedy.best.logProb), 0.048, 'P(A B C <eos>)', F64);
        const beam = await search(s, NOTES, EOS, 4, 2, 0.75);
        expectSameData(beam.best.tokens, [A, C, B, EOS], 'the tokens beam search with beam 2 finds');
        expectNumberClose(Math.exp(beam.best.logProb), 0.054, 'P(A C B <eos>)', F64);
        expectNumberClose(beam.best.score, Math.log(0.054) / 4 ** 0.75, 'its score log 0.054 / 4^0.75', F64);
        const all = await search(s, NOTES, EOS, 4, 0, 0.75);
        expectSameData(all.best.tokens, [A, C, B, EOS], 'the tokens exhaustive search finds');
      },
    ),
    example(
      'beam 2 keeps the most probable candidates, not the most probable last tokens: after A (0.9) every token is about 1/3, after B (0.09) A is 0.5, yet A A (0.306) beats B A (0.045)',
      async (s) => {
        // Tokens A, B and <eos> (2): the last step's best tokens (B A, B B) are the worst candidates.
        const table: Table = {
          rows: {
            '': [0.9, 0.09, 0.01].map(Math.log),
            '0': [0.34, 0.33, 0.33].map(Math.log),
            '1': [0.5, 0.45, 0.05].map(Math.log),
          },
          otherwise: [1 / 3, 1 / 3, 1 / 3].map(Math.log),
        };
        const { best } = await search(s, table, 2, 2, 2, 0.75);
        expectSameData(best.tokens, [0, 0], 'the tokens beam 2 finds in two steps');
        expectNumberClose(Math.exp(best.logProb), 0.9 * 0.34, 'P(A A)', F64);
      },
    ),
    reference(
      'beamSearch matches the reference on random tables: the beamSize most probable extensions kept at each step, the best score among the complete',
      fc.tuple(tableCase(5, 5), fc.integer({ min: 1, max: 4 })),
      async (s, [{ table, eos, maxLen, alpha }, beamSize]) => {
        const got = await search(s, table, eos, maxLen, beamSize, alpha);
        const expected = ref.beamSearch((ps) => ps.map((p) => row(table, p)), eos, maxLen, beamSize, alpha);
        expectCandidate(got.best, expected, `(beam ${beamSize}, maxLen ${maxLen}, alpha ${alpha})`);
      },
    ),
    property(
      'each step calls the model once, with at most beamSize live candidates of one length, never with a finished one',
      fc.tuple(tableCase(5, 5), fc.integer({ min: 1, max: 4 })),
      async (s, [{ table, eos, maxLen, alpha }, beamSize]) => {
        const { calls } = await search(s, table, eos, maxLen, beamSize, alpha);
        ensure(
          calls.length >= 1 && calls.length <= maxLen,
          `beamSearch called the model ${calls.length} times for maxLen ${maxLen}`,
        );
        calls.forEach((prefixes, t) => {
          ensure(
            prefixes.length >= 1 &&
              prefixes.length <= beamSize &&
              prefixes.every((p) => p.length === t && !p.includes(eos)),
            `call ${t} of the model got ${show(prefixes)}: expected 1 to ${beamSize} unfinished prefixes of ${t} tokens`,
          );
        });
      },
    ),
    property('beam search with beam 1 is greedy search', tableCase(5, 6), async (s, { table, eos, maxLen, alpha }) => {
      const got = await search(s, table, eos, maxLen, 1, alpha);
      expectCandidate(
        got.best,
        greedy64(table, eos, maxLen, alpha),
        `of beam 1 (maxLen ${maxLen}), compared with greedy search`,
      );
    }),
    property(
      'with beamSize >= |Y|^maxLen nothing is pruned: beam search is exhaustive search',
      tableCase(3, 3),
      async (s, { table, eos, maxLen, V, alpha }) => {
        const got = await search(s, table, eos, maxLen, V ** maxLen, alpha);
        expectCandidate(
          got.best,
          exhaustive64(table, eos, maxLen, alpha),
          `of beam ${V ** maxLen} (|Y| = ${V}, maxLen ${maxLen}), compared with exhaustive search`,
        );
      },
    ),
    reference(
      'exhaustiveSearch finds the best score of every complete sequence',
      tableCase(4, 4),
      async (s, { table, eos, maxLen, alpha }) => {
        const got = await search(s, table, eos, maxLen, 0, alpha);
        expectCandidate(
          got.best,
          exhaustive64(table, eos, maxLen, alpha),
          `of exhaustive search (maxLen ${maxLen}, alpha ${alpha})`,
        );
      },
    ),
    property(
      'no beam scores better than exhaustive search, and the score is Σ log P over L^α with L counting <eos>',
      fc.tuple(tableCase(4, 4), fc.integer({ min: 1, max: 3 })),
      async (s, [{ table, eos, maxLen, alpha }, beamSize]) => {
        const { best } = await search(s, table, eos, maxLen, beamSize, alpha);
        const bound = exhaustive64(table, eos, maxLen, alpha).score;
        ensure(
          best.score <= bound + 1e-12,
          `beam ${beamSize} scored ${best.score}, above the exhaustive optimum ${bound}`,
        );
        const logProb = best.tokens.reduce((acc, y, t) => acc + row(table, best.tokens.slice(0, t))[y]!, 0);
        expectNumberClose(
          best.score,
          scoreOf(logProb, best.tokens.length, alpha),
          `the score of ${show(best.tokens)}, compared with Σ log P / L^α`,
          F64,
        );
      },
    ),
    reference(
      'on a seq2seq model (random parameters), beam 1 translates as greedy predict_seq2seq',
      seeded((rng) => {
        const [src, tgt] = [nmtVocab(SRC_LINES), nmtVocab(TGT_LINES)];
        const words = ['go', '.', 'i', 'lost', 'zebra'];
        return {
          params: callRef<object>(
            initSeq2seq,
            src.length,
            tgt.length,
            2 + rng.int(3),
            2 + rng.int(4),
            1 + rng.int(2),
            rng.int(1000),
          ),
          sentence: Array.from({ length: 1 + rng.int(4) }, () => words[rng.int(words.length)]).join(' '),
          numSteps: 1 + rng.int(6),
        };
      }),
      async (s, { params, sentence, numSteps }) => {
        const got = (await s.call(
          'driveBeamSeq2seq',
          params,
          sentence,
          SRC_LINES,
          TGT_LINES,
          numSteps,
          1,
        )) as ref.Candidate | null;
        const tgt = nmtVocab(TGT_LINES);
        const expected = callRef<string>(
          (p: Parameters<typeof predictSeq2seq>[1]) =>
            predictSeq2seq(seq2seqModel, p, sentence, nmtVocab(SRC_LINES), tgt, numSteps),
          params,
        );
        ensure(
          typeof got === 'object' && got !== null && Array.isArray(got.tokens),
          `beamSearch should return a candidate, got ${show(got)}`,
        );
        const eos = tgt.tokenToIdx.get('<eos>')!;
        const words = tgt.toTokens(got.tokens.filter((y) => y !== eos)).join(' ');
        ensure(
          words === expected,
          `beam 1 translated ${show(sentence)} as ${show(words)}, greedy predict_seq2seq as ${show(expected)}`,
        );
      },
      { numRuns: 8 },
    ),
    rejects(
      'beamSize or maxLen not a whole number >= 1, or alpha < 0, is a HyperparameterError naming it',
      async (s) => {
        const bad: [number, number, number, RegExp][] = [
          [4, 0, 0.75, /beamSize/],
          [4, 1.5, 0.75, /beamSize/],
          [0, 2, 0.75, /maxLen/],
          [4, 2, -1, /alpha/],
        ];
        for (const [maxLen, beamSize, alpha, pattern] of bad)
          await s.rejects(
            'driveSearch',
            [NOTES, EOS, maxLen, beamSize, alpha],
            pattern,
            `when maxLen = ${maxLen}, beamSize = ${beamSize}, alpha = ${alpha}`,
            'HyperparameterError',
          );
        await s.rejects(
          'driveExhaustive',
          [NOTES, EOS, 0, 0.75],
          /maxLen/,
          'when exhaustive search gets maxLen = 0',
          'HyperparameterError',
        );
      },
    ),
  ],
});
