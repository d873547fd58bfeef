import * as fc from 'fast-check';
import * as ref30 from '../../../reference/30-rnn-scratch';
import * as ref from '../../../reference/35-deep-rnn';
import type { Rng } from '../../../reference/random';
import { dim, normalTensor, seeded } from '../../lib/arbitraries';
import { defineExercise, property, reference } from '../../lib/checks';
import { expectClose, expectTensor } from '../../lib/compare';
import { CheckFailure, ensure } from '../../lib/failure';
import type { Subject } from '../../lib/subject';
import { TensorData } from '../../lib/tensor-data';
import { callRef, drawParams, type ParamData } from '../../lib/rnn';

interface DeepParams {
  layers: ParamData[];
  W_hq: TensorData;
  b_q: TensorData;
}
interface Output {
  Y: TensorData;
  state: TensorData[];
}

/** L layers of the given sizes on d inputs, with q outputs; weights of scale 0.5. */
function deepParams(rng: Rng, d: number, hs: number[], q: number): DeepParams {
  const layers = hs.map((h, l) =>
    drawParams(rng, { W_xh: [l === 0 ? d : hs[l - 1]!, h], W_hh: [h, h], b_h: [h] }, 0.5),
  );
  return {
    layers,
    ...(drawParams(rng, { W_hq: [hs.at(-1)!, q], b_q: [q] }, 0.5) as { W_hq: TensorData; b_q: TensorData }),
  };
}

/** Inputs [T, n, d], minL to maxL layers of 1 to 4 units each, their states and parameters. */
const deepCase = (minL = 1, maxL = 4) =>
  seeded((rng) => {
    const [T, n, d, q] = [1 + rng.int(4), 1 + rng.int(3), 1 + rng.int(4), 1 + rng.int(3)];
    const hs = Array.from({ length: minL + rng.int(maxL - minL + 1) }, () => 1 + rng.int(4));
    return {
      inputs: normalTensor(rng, [T, n, d]),
      state: hs.map((h) => normalTensor(rng, [n, h], 0.8)),
      params: deepParams(rng, d, hs, q),
    };
  });

async function run(s: Subject, inputs: TensorData, state: TensorData[], params: DeepParams): Promise<Output> {
  const out = (await s.call('deepRnn', inputs, state, params)) as Partial<Output> | null;
  if (out === null || typeof out !== 'object' || !Array.isArray(out.state))
    throw new CheckFailure('deepRnn should return { Y, state }');
  const [T, n] = inputs.shape as [number, number];
  ensure(
    out.state.length === state.length,
    `the state should hold one hidden state per layer (${state.length}), got ${out.state.length}`,
  );
  return {
    Y: expectTensor(out.Y, 'the outputs Y', [T * n, params.b_q.size]),
    state: out.state.map((H, l) => expectTensor(H, `the final state of layer ${l + 1}`, state[l]!.shape)),
  };
}

function expectSameOutput(got: Output, expected: Output, what: string): void {
  expectClose(got.Y, expected.Y, `the outputs Y ${what}`);
  expected.state.forEach((H, l) => expectClose(got.state[l], H, `the final state of layer ${l + 1} ${what}`));
}

export default defineExercise({
  id: '35-deep-rnn',
  title: 'Deep recurrent neural networks',
  file: 'deep-rnn.ts',
  checks: [
    property(
      "initDeepRnnState gives one hidden state of zeros per layer, each of its layer's size",
      fc.record({ n: dim(1, 4), hs: fc.array(dim(1, 6), { minLength: 1, maxLength: 4 }) }),
      async (s, { n, hs }) => {
        const st = await s.call('initDeepRnnState', n, hs);
        ensure(
          Array.isArray(st) && st.length === hs.length,
          `initDeepRnnState(${n}, [${hs}]) should return ${hs.length} tensors, one per layer`,
        );
        st.forEach((H, l) =>
          ensure(
            expectTensor(H, `the state of layer ${l + 1}`, [n, hs[l]!]).values.every((x) => x === 0),
            `the state of layer ${l + 1} should be zeros`,
          ),
        );
      },
    ),
    property(
      'with one layer it is the single-layer RNN of exercise 30',
      deepCase(1, 1),
      async (s, { inputs, state, params }) => {
        const got = await run(s, inputs, state, params);
        const single = callRef<Output>(ref30.rnn, inputs, state, {
          ...params.layers[0]!,
          W_hq: params.W_hq,
          b_q: params.b_q,
        });
        expectSameOutput(got, single, 'of one layer, compared with rnn of exercise 30');
      },
    ),
    reference(
      'deepRnn matches the reference for 1 to 4 layers of different sizes',
      deepCase(),
      async (s, { inputs, state, params }) => {
        expectSameOutput(
          await run(s, inputs, state, params),
          callRef<Output>(ref.deepRnn, inputs, state, params),
          `of ${params.layers.length} layers`,
        );
      },
    ),
    // Layer 1 alone with an identity output layer gives its hidden states; layers 2..L then read those.
    property(
      'stacking: L layers are layer 1 feeding its hidden states to the other L − 1',
      deepCase(2),
      async (s, { inputs, state, params }) => {
        const [T, n] = inputs.shape as [number, number];
        const h1 = params.layers[0]!.W_hh!.shape[0]!;
        const identity = TensorData.float(
          [h1, h1],
          Array.from({ length: h1 * h1 }, (_, k) => (k % (h1 + 1) === 0 ? 1 : 0)),
        );
        const first = await run(s, inputs, state.slice(0, 1), {
          layers: params.layers.slice(0, 1),
          W_hq: identity,
          b_q: TensorData.float([h1], new Array(h1).fill(0)),
        });
        const hidden = new TensorData([T, n, h1], 'float32', first.Y.values);
        const rest = await run(s, hidden, state.slice(1), { ...params, layers: params.layers.slice(1) });
        const whole = await run(s, inputs, state, params);
        expectSameOutput(
          whole,
          { Y: rest.Y, state: [first.state[0]!, ...rest.state] },
          `of ${params.layers.length} layers, compared with layer 1 feeding the rest`,
        );
      },
    ),
  ],
});
