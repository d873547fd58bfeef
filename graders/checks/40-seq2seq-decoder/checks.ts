import * as fc from 'fast-check';
import * as ref39 from '../../../reference/39-encoder-decoder';
import * as ref from '../../../reference/40-seq2seq-decoder';
import type { Rng } from '../../../reference/random';
import { normalTensor, seeded } from '../../lib/arbitraries';
import { defineExercise, example, gradient, property, reference, rejects } from '../../lib/checks';
import { expectClose, expectTensor } from '../../lib/compare';
import { CheckFailure, ensure } from '../../lib/failure';
import { cube, decoder64, type Layer64, perLayer } from '../../lib/float64/seq2seq';
import {
  callRef,
  drawParams,
  flatGruLayers,
  GRU_LAYER,
  gruLayerShapes,
  gruLayersOf,
  type ParamData,
} from '../../lib/rnn';
import type { Subject } from '../../lib/subject';
import { TensorData } from '../../lib/tensor-data';

interface DecoderParams {
  embedding: TensorData;
  layers: ParamData[];
  W_hq: TensorData;
  b_q: TensorData;
}
interface State {
  context: TensorData;
  H: TensorData;
}

/** A decoder of V tokens, embedding e, L layers of h units (layer 0 on e + h inputs), weights of scale 0.5. */
function decoderParams(rng: Rng, V: number, e: number, h: number, L: number): DecoderParams {
  return {
    embedding: normalTensor(rng, [V, e]),
    layers: Array.from({ length: L }, (_, l) => drawParams(rng, gruLayerShapes(l === 0 ? e + h : h, h), 0.5)),
    W_hq: normalTensor(rng, [h, V], 0.5),
    b_q: normalTensor(rng, [V], 0.5),
  };
}

const tokens = (rng: Rng, n: number, T: number, V: number) =>
  TensorData.int(
    [n, T],
    Array.from({ length: n * T }, () => rng.int(V)),
  );

const decoderCase = seeded((rng) => {
  const [V, e, h, L, n, T] = [
    2 + rng.int(6),
    1 + rng.int(4),
    1 + rng.int(4),
    1 + rng.int(3),
    1 + rng.int(3),
    1 + rng.int(5),
  ];
  return {
    params: decoderParams(rng, V, e, h, L),
    X: tokens(rng, n, T, V),
    state: { context: normalTensor(rng, [n, h], 0.8), H: normalTensor(rng, [L, n, h], 0.8) },
    dropout: 0.2 + 0.5 * rng.uniform(),
    seed: rng.int(1000),
  };
});

function outputOf(v: unknown, n: number, T: number, V: number, L: number, h: number, what: string) {
  const o = v as { Y?: unknown; state?: Partial<State> } | null;
  if (o === null || typeof o !== 'object' || o.state === null || typeof o.state !== 'object')
    throw new CheckFailure(`${what} should return { Y, state: { context, H } }`);
  return {
    Y: expectTensor(o.Y, `${what}.Y`, [n, T, V]),
    state: {
      context: expectTensor(o.state.context, `${what}.state.context`, [n, h]),
      H: expectTensor(o.state.H, `${what}.state.H`, [L, n, h]),
    },
  };
}

async function decode(s: Subject, params: DecoderParams, X: TensorData, state: State, opts?: object) {
  const [n, T] = X.shape as [number, number];
  const [L, , h] = state.H.shape as [number, number, number];
  const V = params.b_q.size;
  return outputOf(
    await s.call('seq2seqDecoder', params, X, state, opts),
    n,
    T,
    V,
    L,
    h,
    `seq2seqDecoder on tokens [${n}, ${T}]`,
  );
}

/** Column t of tokens [n, T] as [n, 1]. */
const column = (X: TensorData, t: number) => {
  const [n, T] = X.shape as [number, number];
  return TensorData.int(
    [n, 1],
    Array.from({ length: n }, (_, i) => X.values[i * T + t]!),
  );
};
/** Step t of logits [n, T, V] as [n, 1, V]. */
const stepOf = (Y: TensorData, t: number) => {
  const [n, , V] = Y.shape as [number, number, number];
  return TensorData.float(
    [n, 1, V],
    Array.from({ length: n * V }, (_, k) => Y.get(Math.floor(k / V), t, k % V)),
  );
};

export default defineExercise({
  id: '40-seq2seq-decoder',
  title: 'The seq2seq decoder: the context at every step',
  file: 'decoder.ts',
  uses: ['39-encoder-decoder', 'ops/embedding'],
  checks: [
    reference(
      'initSeq2seqDecoder draws the stated parameters: embedding N(0, 1), GRU layers as the encoder (layer 0 on e + h inputs), W_hq Xavier-uniform, biases zero',
      fc.record({
        V: fc.integer({ min: 2, max: 12 }),
        e: fc.integer({ min: 1, max: 6 }),
        h: fc.integer({ min: 1, max: 6 }),
        L: fc.integer({ min: 1, max: 3 }),
        seed: fc.oneof(fc.constant(0), fc.nat(10_000)),
      }),
      async (s, { V, e, h, L, seed }) => {
        const got = (await s.call('initSeq2seqDecoder', V, e, h, L, seed)) as Partial<
          Record<keyof DecoderParams, unknown>
        > | null;
        const expected = callRef<DecoderParams>(ref.initSeq2seqDecoder, V, e, h, L, seed);
        const where = `initSeq2seqDecoder(${V}, ${e}, ${h}, ${L}, seed ${seed})`;
        if (got === null || typeof got !== 'object' || !Array.isArray(got.layers) || got.layers.length !== L)
          throw new CheckFailure(`${where} should return { embedding, layers, W_hq, b_q } with ${L} layers`);
        expectClose(got.embedding, expected.embedding, `the embedding of ${where}`);
        expected.layers.forEach((layer, l) =>
          GRU_LAYER.forEach((k) =>
            expectClose((got.layers as Record<string, unknown>[])[l]![k], layer[k]!, `layer ${l}'s ${k} of ${where}`),
          ),
        );
        expectClose(got.W_hq, expected.W_hq, `W_hq of ${where}`);
        expectClose(got.b_q, expected.b_q, `b_q of ${where}`);
      },
      { numRuns: 10 },
    ),
    reference(
      "seq2seqDecoderInitState: the context is the encoder's top-layer last state, the GRU starts from all its last states",
      seeded((rng) => {
        const [T, L, n, h] = [1 + rng.int(4), 1 + rng.int(3), 1 + rng.int(3), 1 + rng.int(4)];
        return { outputs: normalTensor(rng, [T, n, h]), state: normalTensor(rng, [L, n, h]) };
      }),
      async (s, enc) => {
        const [L, n, h] = enc.state.shape as [number, number, number];
        const got = (await s.call('seq2seqDecoderInitState', enc)) as Partial<State> | null;
        const expected = callRef<State>(ref.seq2seqDecoderInitState, enc);
        ensure(got !== null && typeof got === 'object', 'seq2seqDecoderInitState should return { context, H }');
        expectClose(got.context, expected.context, 'the context', { atol: 0, rtol: 0 });
        expectClose(expectTensor(got.H, 'H', [L, n, h]), expected.H, 'H', { atol: 0, rtol: 0 });
      },
    ),
    reference(
      'seq2seqDecoder matches the reference: [embedding, context] at every step through the stack from state.H, the dense layer, Y batch-major',
      decoderCase,
      async (s, { params, X, state }) => {
        const got = await decode(s, params, X, state);
        const expected = callRef<{ Y: TensorData; state: State }>(ref.seq2seqDecoder, params, X, state);
        expectClose(got.Y, expected.Y, 'the logits Y [n, T, V]');
        expectClose(got.state.H, expected.state.H, 'the new H [L, n, h]');
        expectClose(got.state.context, state.context, 'the context in the new state, compared with the one passed in', {
          atol: 0,
          rtol: 0,
        });
      },
    ),
    property(
      'one token at a time, the state carried on, gives the logits of the whole sequence at once: the context stays the encoder’s',
      decoderCase.filter((c) => c.X.shape[1]! > 1),
      async (s, { params, X, state }) => {
        const whole = await decode(s, params, X, state);
        let st: State = state;
        for (let t = 0; t < X.shape[1]!; t++) {
          const step = await decode(s, params, column(X, t), st);
          expectClose(
            step.Y,
            stepOf(whole.Y, t),
            `the logits of step ${t} fed alone, compared with step ${t} of the whole sequence`,
          );
          st = step.state;
        }
        expectClose(st.H, whole.state.H, 'the state after the last single step, compared with the whole sequence’s');
      },
    ),
    reference(
      "in training the decoder's layers use the encoder's dropout (gruStack with opts): as the reference with the same seed",
      decoderCase.filter((c) => c.params.layers.length > 1),
      async (s, { params, X, state, dropout, seed }) => {
        const opts = { dropout, seed };
        const got = await decode(s, params, X, state, opts);
        const expected = callRef<{ Y: TensorData; state: State }>(ref.seq2seqDecoder, params, X, state, opts);
        expectClose(got.Y, expected.Y, `the logits with dropout ${dropout.toFixed(3)}, seed ${seed}`);
        expectClose(got.state.H, expected.state.H, `the new H with dropout ${dropout.toFixed(3)}, seed ${seed}`);
      },
      { numRuns: 10 },
    ),
    example(
      "d2l's shapes: vocabulary 10, embedding 8, 16 hidden units, 2 layers, X [4, 7] give Y [4, 7, 10] and a state of [2, 4, 16]",
      async (s, { rng }) => {
        const params = await s.call('initSeq2seqDecoder', 10, 8, 16, 2, 3);
        const enc = { outputs: normalTensor(rng, [7, 4, 16]), state: normalTensor(rng, [2, 4, 16]) };
        const state = (await s.call('seq2seqDecoderInitState', enc)) as State;
        const out = outputOf(
          await s.call('seq2seqDecoder', params, tokens(rng, 4, 7, 10), state),
          4,
          7,
          10,
          2,
          16,
          "seq2seqDecoder on d2l's example",
        );
        expectClose(
          out.state.context,
          TensorData.float([4, 16], enc.state.values.slice(64)),
          'the context, compared with the encoder state[1]',
        );
      },
    ),
    reference(
      "behind the encoder-decoder interface, with the reference encoder, your initState and decoder are the reference's seq2seq model",
      seeded((rng) => {
        const [Vs, Vt, e, h, L, n] = [
          3 + rng.int(5),
          3 + rng.int(5),
          1 + rng.int(4),
          1 + rng.int(4),
          1 + rng.int(2),
          1 + rng.int(3),
        ];
        const enc = {
          embedding: normalTensor(rng, [Vs, e]),
          layers: Array.from({ length: L }, (_, l) => drawParams(rng, gruLayerShapes(l === 0 ? e : h, h), 0.5)),
        };
        return {
          params: { encoder: enc, decoder: decoderParams(rng, Vt, e, h, L) },
          encX: tokens(rng, n, 1 + rng.int(5), Vs),
          decX: tokens(rng, n, 1 + rng.int(5), Vt),
        };
      }),
      async (s, { params, encX, decX }) => {
        const got = await s.call('driveSeq2seq', params, encX, decX);
        const validLen = TensorData.int([encX.shape[0]!], new Array(encX.shape[0]!).fill(encX.shape[1]!));
        const expected = callRef<{ Y: TensorData }>(
          ref39.encoderDecoder,
          ref.seq2seqModel,
          params,
          encX,
          decX,
          validLen,
        );
        expectClose(got, expected.Y, 'the logits of the seq2seq model on random sources and targets');
      },
    ),
    gradient(
      'backpropagation through the decoder: the gradients with respect to the context, the initial H, the embedding, W_hq, b_q and every layer parameter match finite differences',
      {
        fn: 'driveDecoder',
        args: seeded((rng) => {
          const [V, e, h, L, n, T] = [3 + rng.int(2), 2, 2, 2, 2, 2 + rng.int(2)];
          const p = decoderParams(rng, V, e, h, L);
          return [
            tokens(rng, n, T, V),
            normalTensor(rng, [n, h], 0.8),
            normalTensor(rng, [L, n, h], 0.8),
            p.embedding,
            p.W_hq,
            p.b_q,
            ...flatGruLayers(p.layers),
          ];
        }),
        // Everything but the tokens: context, H, embedding, W_hq, b_q and the two layers' nine parameters each.
        wrt: Array.from({ length: 23 }, (_, i) => i + 1),
        forward: (...args) => {
          const [X, context, H, embedding, W_hq, b_q, ...flat] = args as TensorData[];
          const layers = gruLayersOf(flat) as Layer64[];
          const { Y, state } = decoder64(
            { embedding: embedding!, layers, W_hq: W_hq!, b_q: b_q! },
            X!,
            context!.rows(),
            perLayer(H!),
          );
          const [y, st] = [cube(Y), cube(state)];
          return TensorData.float([y.size + st.size], [...y.values, ...st.values]);
        },
        numRuns: 5,
        skipBelow: 0.01,
      },
    ),
    rejects(
      'a state for another batch size than the tokens (encoder and decoder batches that differ) is a ShapeMismatchError',
      async (s, { rng }) => {
        const params = decoderParams(rng, 5, 3, 4, 2);
        const X = tokens(rng, 3, 2, 5);
        for (const n of [2, 4])
          await s.rejects(
            'seq2seqDecoder',
            [params, X, { context: normalTensor(rng, [n, 4]), H: normalTensor(rng, [2, n, 4]) }],
            /batch|state/i,
            `when the state is for a batch of ${n} and X holds 3 sequences`,
            'ShapeMismatchError',
          );
      },
    ),
  ],
});
