import * as fc from 'fast-check';
import * as ref30 from '../../../reference/30-rnn-scratch';
import * as ref33 from '../../../reference/33-gru';
import * as ref34 from '../../../reference/34-lstm';
import * as ref from '../../../reference/35-deep-rnn';
import { makeRng, type Rng } from '../../../reference/random';
import { dim, normalTensor, seeded } from '../../lib/arbitraries';
import { defineExercise, property, reference, rejects } from '../../lib/checks';
import { expectClose, expectTensor } from '../../lib/compare';
import { CheckFailure, ensure } from '../../lib/failure';
import { stacked64 } from '../../lib/float64/rnn';
import { bpttAtSaturation, callRef, drawParams, flatOutput, type ParamData, saturatingBias } from '../../lib/rnn';
import type { Subject } from '../../lib/subject';
import { TensorData } from '../../lib/tensor-data';
import { LAYER_KEYS, STATE_SIZE } from './layout';

type CellName = ref.CellName;
const CELLS = ref.CELLS;

interface DeepParams {
  layers: ParamData[];
  W_hq: TensorData;
  b_q: TensorData;
}
interface Output {
  Y: TensorData;
  state: TensorData[][];
}

/** The parameters of one layer of a cell with d inputs and h units, in LAYER_KEYS order. */
function layerShapes(cell: CellName, d: number, h: number): Record<string, number[]> {
  return Object.fromEntries(
    LAYER_KEYS[cell].map((k) => [k, k.startsWith('b_') ? [h] : k.startsWith('W_x') ? [d, h] : [h, h]]),
  );
}

/** L layers of a cell of the given sizes on d inputs, with q outputs; weights of scale 0.5. */
function deepParams(rng: Rng, cell: CellName, d: number, hs: number[], q: number): DeepParams {
  const layers = hs.map((h, l) => drawParams(rng, layerShapes(cell, l === 0 ? d : hs[l - 1]!, h), 0.5));
  return {
    layers,
    ...(drawParams(rng, { W_hq: [hs.at(-1)!, q], b_q: [q] }, 0.5) as { W_hq: TensorData; b_q: TensorData }),
  };
}

/** A layer's state: H of scale 0.8, and for the LSTM a memory cell C of scale 1. */
const stateOf = (rng: Rng, cell: CellName, n: number, h: number) =>
  cell === 'lstm' ? [normalTensor(rng, [n, h], 0.8), normalTensor(rng, [n, h])] : [normalTensor(rng, [n, h], 0.8)];

/** Inputs [T, n, d], minL to maxL layers of 1 to 4 units each, their states and parameters, for one cell. */
function drawCase(rng: Rng, cell: CellName, minL: number, maxL: number) {
  const [T, n, d, q] = [1 + rng.int(4), 1 + rng.int(3), 1 + rng.int(4), 1 + rng.int(3)];
  const hs = Array.from({ length: minL + rng.int(maxL - minL + 1) }, () => 1 + rng.int(4));
  return {
    cell,
    inputs: normalTensor(rng, [T, n, d]),
    state: hs.map((h) => stateOf(rng, cell, n, h)),
    params: deepParams(rng, cell, d, hs, q),
  };
}
type Case = ReturnType<typeof drawCase>;

/** One case of every cell per draw: no cell goes untried, whatever the seed. */
const everyCell = (minL = 1, maxL = 4) => seeded((rng) => CELLS.map((cell) => drawCase(rng, cell, minL, maxL)));

async function run(s: Subject, { cell, inputs, state, params }: Case): Promise<Output> {
  const out = (await s.call('deepRnn', cell, inputs, state, params)) as Partial<Output> | null;
  if (out === null || typeof out !== 'object' || !Array.isArray(out.state))
    throw new CheckFailure(`deepRnn('${cell}', …) should return { Y, state }`);
  const [T, n] = inputs.shape as [number, number];
  ensure(
    out.state.length === state.length,
    `deepRnn('${cell}', …): the state should hold one state per layer (${state.length}), got ${out.state.length}`,
  );
  return {
    Y: expectTensor(out.Y, `the outputs Y of the ${cell} stack`, [T * n, params.b_q.size]),
    state: out.state.map((st, l) => {
      const expected = state[l]!;
      ensure(
        Array.isArray(st) && st.length === expected.length,
        `the final state of layer ${l + 1} of the ${cell} stack should be a list of ${expected.length} tensor${expected.length > 1 ? 's, [H, C]' : ', [H]'}`,
      );
      return st.map((t, k) => expectTensor(t, `the final ${k ? 'C' : 'H'} of layer ${l + 1}`, expected[k]!.shape));
    }),
  };
}

function expectSameOutput(got: Output, expected: Output, what: string): void {
  expectClose(got.Y, expected.Y, `the outputs Y ${what}`);
  expected.state.forEach((st, l) =>
    st.forEach((t, k) => expectClose(got.state[l]![k], t, `the final ${k ? 'C' : 'H'} of layer ${l + 1} ${what}`)),
  );
}

/** The single-layer model of exercise 30, 33 or 34 (the reference), on a one-layer case. */
function singleLayer({ cell, inputs, state, params }: Case): Output {
  const p = { ...params.layers[0]!, W_hq: params.W_hq, b_q: params.b_q };
  const f = cell === 'rnn' ? ref30.rnn : cell === 'gru' ? ref33.gru : ref34.lstm;
  const out = callRef<{ Y: TensorData; state: TensorData[] }>(f, inputs, state[0]!, p);
  return { Y: out.Y, state: [out.state] };
}

/**
 * The arguments of driveDeepRnn for a stack of 2 layers of 3 or 4 units where, in every layer,
 * unit 0 and unit 1 saturate at opposite ends (biases of ±100 on every gate; the forget gate the
 * other way round), the other units ordinary.
 */
function saturatedArgs(rng: Rng, cell: CellName): unknown[] {
  const [T, n, d, q] = [2 + rng.int(2), 1 + rng.int(2), 2, 2];
  const hs = [3 + rng.int(2), 3];
  const p = deepParams(rng, cell, d, hs, q);
  const layers = p.layers.map((l) =>
    Object.fromEntries(
      Object.entries(l).map(([k, t]) => [
        k,
        k.startsWith('b_') ? saturatingBias(t, k === 'b_f' || k === 'b_r' ? -1 : 1) : t,
      ]),
    ),
  );
  const states = hs.flatMap((h) => stateOf(rng, cell, n, h));
  return [
    cell,
    hs.length,
    normalTensor(rng, [T, n, d]),
    ...states,
    ...layers.flatMap((l) => LAYER_KEYS[cell].map((k) => l[k]!)),
    p.W_hq,
    p.b_q,
  ];
}

/** driveDeepRnn's output in float64: Y and every final state, flattened (stacked64 of graders/lib/float64). */
function forward64(args: unknown[]): TensorData {
  const [cell, L, inputs, ...ts] = args as [CellName, number, TensorData, ...TensorData[]];
  const k = STATE_SIZE[cell];
  const keys = LAYER_KEYS[cell];
  const states = Array.from({ length: L }, (_, l) => ts.slice(l * k, (l + 1) * k));
  const at = L * k;
  const layers = Array.from({ length: L }, (_, l) =>
    Object.fromEntries(keys.map((key, i) => [key, ts[at + l * keys.length + i]!])),
  );
  const [W_hq, b_q] = ts.slice(at + L * keys.length) as [TensorData, TensorData];
  const out = stacked64(cell, inputs, states, { layers, W_hq, b_q });
  return flatOutput({ Y: out.Y, state: out.state.flat() });
}

export default defineExercise({
  id: '35-deep-rnn',
  title: 'Deep recurrent neural networks',
  file: 'deep-rnn.ts',
  uses: ['33-gru', '34-lstm'],
  checks: [
    property(
      "initDeepRnnState gives every layer its cell's state of zeros, [H] or [H, C], of its layer's size",
      fc.record({ n: dim(1, 4), hs: fc.array(dim(1, 6), { minLength: 1, maxLength: 4 }) }),
      async (s, { n, hs }) => {
        for (const cell of CELLS) {
          const st = await s.call('initDeepRnnState', cell, n, hs);
          ensure(
            Array.isArray(st) && st.length === hs.length,
            `initDeepRnnState('${cell}', ${n}, [${hs}]) should return ${hs.length} states, one per layer`,
          );
          st.forEach((layerState, l) => {
            const k = STATE_SIZE[cell];
            ensure(
              Array.isArray(layerState) && layerState.length === k,
              `the state of layer ${l + 1} of initDeepRnnState('${cell}', …) should be a list of ${k} tensor${k > 1 ? 's, [H, C]' : ', [H]'}`,
            );
            layerState.forEach((t, i) =>
              ensure(
                expectTensor(t, `${i ? 'C' : 'H'} of layer ${l + 1}`, [n, hs[l]!]).values.every((x) => x === 0),
                `${i ? 'C' : 'H'} of layer ${l + 1} of initDeepRnnState('${cell}', …) should be zeros`,
              ),
            );
          });
        }
      },
      { numRuns: 10 },
    ),
    property(
      "with one layer it is the single-layer model: exercise 30's rnn, 33's gru, 34's lstm",
      everyCell(1, 1),
      async (s, cases) => {
        for (const c of cases)
          expectSameOutput(
            await run(s, c),
            singleLayer(c),
            `of one ${c.cell} layer, compared with the single-layer ${c.cell} of exercise ${c.cell === 'rnn' ? 30 : c.cell === 'gru' ? 33 : 34}`,
          );
      },
      { numRuns: 5 },
    ),
    reference(
      'deepRnn matches the reference for 1 to 4 layers of different sizes, for every cell',
      everyCell(),
      async (s, cases) => {
        for (const c of cases)
          expectSameOutput(
            await run(s, c),
            callRef<Output>(ref.deepRnn, c.cell, c.inputs, c.state, c.params),
            `of ${c.params.layers.length} ${c.cell} layers`,
          );
      },
      { numRuns: 6 },
    ),
    // Layer 1 alone with an identity output layer gives its hidden states; layers 2..L then read those.
    property(
      'stacking: L layers are layer 1 feeding its hidden states to the other L − 1, for every cell',
      everyCell(2),
      async (s, cases) => {
        for (const c of cases) {
          const { inputs, state, params } = c;
          const [T, n] = inputs.shape as [number, number];
          const h1 = state[0]![0]!.shape[1]!;
          const identity = TensorData.float(
            [h1, h1],
            Array.from({ length: h1 * h1 }, (_, k) => (k % (h1 + 1) === 0 ? 1 : 0)),
          );
          const first = await run(s, {
            ...c,
            state: state.slice(0, 1),
            params: {
              layers: params.layers.slice(0, 1),
              W_hq: identity,
              b_q: TensorData.float([h1], new Array(h1).fill(0)),
            },
          });
          const hidden = new TensorData([T, n, h1], 'float32', first.Y.values);
          const rest = await run(s, {
            ...c,
            inputs: hidden,
            state: state.slice(1),
            params: { ...params, layers: params.layers.slice(1) },
          });
          expectSameOutput(
            await run(s, c),
            { Y: rest.Y, state: [first.state[0]!, ...rest.state] },
            `of ${params.layers.length} ${c.cell} layers, compared with layer 1 feeding the rest`,
          );
        }
      },
      { numRuns: 3 },
    ),
    bpttAtSaturation(
      'where units saturate (biases of +100 and −100 in every layer) the stack is right, not NaN, and its gradients with respect to the inputs, every state and parameter stay finite and right, for every cell',
      {
        fn: 'driveDeepRnn',
        args: seeded((rng) => saturatedArgs(rng, CELLS[rng.int(3)]!)),
        fixed: CELLS.map((cell, i) => saturatedArgs(makeRng(i), cell)),
        wrt: (args) => args.map((_, i) => i).slice(2),
        forward: forward64,
        numRuns: 1,
      },
    ),
    rejects(
      'an unknown cell, no layers, a batch or a layer of 0 gets a HyperparameterError naming it; one example and one layer of one unit are fine',
      async (s) => {
        const one = drawCase(makeRng(1), 'rnn', 1, 1);
        await s.rejects(
          'deepRnn',
          ['conv', one.inputs, one.state, one.params],
          /conv/,
          "when cell = 'conv'",
          'HyperparameterError',
        );
        await s.rejects('initDeepRnnState', ['conv', 2, [3]], /conv/, "when cell = 'conv'", 'HyperparameterError');
        for (const cell of CELLS) {
          await s.rejects(
            'deepRnn',
            [cell, one.inputs, [], { ...one.params, layers: [] }],
            /layer|\b0\b/i,
            `for the ${cell} with no layers`,
            'HyperparameterError',
          );
          await s.rejects(
            'initDeepRnnState',
            [cell, 2, []],
            /layer|\b0\b/i,
            `for the ${cell} with no layers`,
            'HyperparameterError',
          );
          await s.rejects(
            'initDeepRnnState',
            [cell, 0, [3]],
            /batchSize/,
            `for the ${cell} with a batch of 0`,
            'HyperparameterError',
          );
          await s.rejects(
            'initDeepRnnState',
            [cell, 2, [3, 0]],
            /\b0\b/,
            `for the ${cell} with a layer of 0 units`,
            'HyperparameterError',
          );
          const st = await s.call('initDeepRnnState', cell, 1, [1]);
          ensure(
            Array.isArray(st) && st.length === 1,
            `initDeepRnnState('${cell}', 1, [1]) should give the state of one layer of one unit`,
          );
        }
      },
    ),
  ],
});
