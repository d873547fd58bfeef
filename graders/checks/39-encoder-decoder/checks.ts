import * as fc from 'fast-check';
import * as ref from '../../../reference/39-encoder-decoder';
import type { Rng } from '../../../reference/random';
import { normalTensor, seeded } from '../../lib/arbitraries';
import { defineExercise, example, gradient, property, reference, rejects } from '../../lib/checks';
import { expectClose, expectTensor, FLOAT32 } from '../../lib/compare';
import { CheckFailure } from '../../lib/failure';
import { cube, embed64, gruStack64, type Layer64 } from '../../lib/float64/seq2seq';
import { expectSameData } from '../../lib/nmt';
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

/** L GRU layers on d inputs, weights of scale 0.5 (gates neither saturated nor linear). */
const drawLayers = (rng: Rng, L: number, d: number, h: number, scale = 0.5): ParamData[] =>
  Array.from({ length: L }, (_, l) => drawParams(rng, gruLayerShapes(l === 0 ? d : h, h), scale));

const tokens = (rng: Rng, n: number, T: number, V: number) =>
  TensorData.int(
    [n, T],
    Array.from({ length: n * T }, () => rng.int(V)),
  );

interface Output {
  outputs: TensorData;
  state: TensorData;
}

function outputOf(v: unknown, shapes: { outputs: number[]; state: number[] }, what: string): Output {
  const o = v as Partial<Output> | null;
  if (o === null || typeof o !== 'object') throw new CheckFailure(`${what} should return { outputs, state }`);
  return {
    outputs: expectTensor(o.outputs, `${what}.outputs`, shapes.outputs),
    state: expectTensor(o.state, `${what}.state`, shapes.state),
  };
}

/** A stack: inputs [T, n, d], 1 to 3 layers of h units, an initial state. */
const stackCase = seeded((rng) => {
  const [T, n, d, h, L] = [1 + rng.int(4), 1 + rng.int(3), 1 + rng.int(4), 1 + rng.int(4), 1 + rng.int(3)];
  return {
    inputs: normalTensor(rng, [T, n, d]),
    H0: normalTensor(rng, [L, n, h], 0.8),
    layers: drawLayers(rng, L, d, h),
    dropout: 0.2 + 0.5 * rng.uniform(),
    seed: rng.int(1000),
  };
});

/** An encoder: tokens [n, T] of a vocabulary of V, an embedding, 1 to 3 layers. */
const encoderCase = seeded((rng) => {
  const [V, e, h, L, n, T] = [
    2 + rng.int(6),
    1 + rng.int(4),
    1 + rng.int(4),
    1 + rng.int(3),
    1 + rng.int(3),
    1 + rng.int(5),
  ];
  return {
    X: tokens(rng, n, T, V),
    params: { embedding: normalTensor(rng, [V, e]), layers: drawLayers(rng, L, e, h) },
    dropout: 0.2 + 0.5 * rng.uniform(),
    seed: rng.int(1000),
  };
});

async function stack(
  s: Subject,
  c: { inputs: TensorData; layers: ParamData[] },
  H0: TensorData | undefined,
  opts?: object,
) {
  const [T, n] = c.inputs.shape as [number, number];
  const h = c.layers[0]!.W_hh!.shape[0]!;
  return outputOf(
    await s.call('gruStack', c.layers, c.inputs, H0, opts),
    { outputs: [T, n, h], state: [c.layers.length, n, h] },
    'gruStack',
  );
}

export default defineExercise({
  id: '39-encoder-decoder',
  title: 'The encoder-decoder interface and the seq2seq encoder',
  file: 'encoder.ts',
  uses: ['ops/embedding'],
  checks: [
    reference(
      "initSeq2seqEncoder draws the stated parameters: the embedding N(0, 1), each GRU weight Xavier-uniform with nn.GRU's fans, biases zero",
      fc.record({
        V: fc.integer({ min: 2, max: 12 }),
        e: fc.integer({ min: 1, max: 6 }),
        h: fc.integer({ min: 1, max: 6 }),
        L: fc.integer({ min: 1, max: 3 }),
        seed: fc.oneof(fc.constant(0), fc.nat(10_000)),
      }),
      async (s, { V, e, h, L, seed }) => {
        const got = (await s.call('initSeq2seqEncoder', V, e, h, L, seed)) as {
          embedding?: unknown;
          layers?: unknown;
        } | null;
        const expected = callRef<{ embedding: TensorData; layers: ParamData[] }>(
          ref.initSeq2seqEncoder,
          V,
          e,
          h,
          L,
          seed,
        );
        const where = `initSeq2seqEncoder(${V}, ${e}, ${h}, ${L}, seed ${seed})`;
        if (got === null || typeof got !== 'object' || !Array.isArray(got.layers) || got.layers.length !== L)
          throw new CheckFailure(`${where} should return { embedding, layers } with ${L} layers`);
        expectClose(got.embedding, expected.embedding, `the embedding of ${where}`);
        expected.layers.forEach((layer, l) =>
          GRU_LAYER.forEach((k) =>
            expectClose((got.layers as Record<string, unknown>[])[l]![k], layer[k]!, `layer ${l}'s ${k} of ${where}`),
          ),
        );
      },
      { numRuns: 10 },
    ),
    reference(
      'gruStack matches the reference: each layer runs over the one below from its H0, outputs of the top layer, each last state',
      stackCase,
      async (s, c) => {
        const got = await stack(s, c, c.H0);
        const expected = callRef<Output>(ref.gruStack, c.layers, c.inputs, c.H0);
        expectClose(got.outputs, expected.outputs, 'the outputs (top layer, every step)');
        expectClose(got.state, expected.state, "every layer's last state");
      },
    ),
    property('without H0 every layer starts from zeros', stackCase, async (s, c) => {
      const got = await stack(s, c, undefined);
      const zeros = TensorData.float(c.H0.shape, new Float32Array(c.H0.size));
      const expected = callRef<Output>(ref.gruStack, c.layers, c.inputs, zeros);
      expectClose(got.outputs, expected.outputs, 'the outputs without H0, compared with H0 = 0');
      expectClose(got.state, expected.state, 'the last states without H0, compared with H0 = 0');
    }),
    reference(
      "in training, layer l's states pass through tf.dropout(…, opts.seed + l) on their way up, and the last states are taken before it",
      stackCase.filter((c) => c.layers.length > 1),
      async (s, c) => {
        const opts = { dropout: c.dropout, seed: c.seed };
        const got = await stack(s, c, c.H0, opts);
        const expected = callRef<Output>(ref.gruStack, c.layers, c.inputs, c.H0, opts);
        const where = `with dropout ${c.dropout.toFixed(3)} and seed ${c.seed}`;
        expectClose(got.outputs, expected.outputs, `the outputs ${where}`);
        expectClose(got.state, expected.state, `the last states ${where}`);
      },
    ),
    reference(
      "seq2seqEncoder matches the reference: the tokens' embeddings, time-major, through the stack from zeros",
      encoderCase,
      async (s, { X, params }) => {
        const [n, T] = X.shape as [number, number];
        const h = params.layers[0]!.W_hh!.shape[0]!;
        const got = outputOf(
          await s.call('seq2seqEncoder', params, X),
          { outputs: [T, n, h], state: [params.layers.length, n, h] },
          `seq2seqEncoder on tokens [${n}, ${T}]`,
        );
        const expected = callRef<Output>(ref.seq2seqEncoder, params, X);
        expectClose(got.outputs, expected.outputs, 'the outputs [T, n, h]');
        expectClose(got.state, expected.state, 'the last states [L, n, h]');
      },
    ),
    example(
      "d2l's shapes: vocabulary 10, embedding 8, 16 hidden units, 2 layers, X [4, 7] give outputs [7, 4, 16] and state [2, 4, 16], the top layer's last output its state",
      async (s, { rng }) => {
        const params = await s.call('initSeq2seqEncoder', 10, 8, 16, 2, 3);
        const X = tokens(rng, 4, 7, 10);
        const got = outputOf(
          await s.call('seq2seqEncoder', params, X),
          { outputs: [7, 4, 16], state: [2, 4, 16] },
          "seq2seqEncoder on d2l's example",
        );
        const last = got.outputs.values.slice(6 * 64);
        const top = got.state.values.slice(64);
        expectClose(
          TensorData.float([4, 16], last),
          TensorData.float([4, 16], top),
          "the top layer's last output, compared with state[1]",
          FLOAT32,
        );
      },
    ),
    reference(
      "the encoder's dropout: between its layers only, as the reference's with the same seed",
      encoderCase.filter((c) => c.params.layers.length > 1),
      async (s, { X, params, dropout, seed }) => {
        const [n, T] = X.shape as [number, number];
        const h = params.layers[0]!.W_hh!.shape[0]!;
        const opts = { dropout, seed };
        const got = outputOf(
          await s.call('seq2seqEncoder', params, X, undefined, opts),
          { outputs: [T, n, h], state: [params.layers.length, n, h] },
          'seq2seqEncoder in training',
        );
        const expected = callRef<Output>(ref.seq2seqEncoder, params, X, undefined, opts);
        expectClose(got.outputs, expected.outputs, `the outputs with dropout ${dropout.toFixed(3)}, seed ${seed}`);
        expectClose(got.state, expected.state, `the last states with dropout ${dropout.toFixed(3)}, seed ${seed}`);
      },
      { numRuns: 10 },
    ),
    gradient(
      'backpropagation through the encoder: the gradients with respect to the embedding and every layer parameter match finite differences',
      {
        fn: 'driveEncoder',
        args: seeded((rng) => {
          const [V, e, h, L, n, T] = [3 + rng.int(2), 2, 2, 2, 2, 2 + rng.int(2)];
          const layers = drawLayers(rng, L, e, h);
          return [tokens(rng, n, T, V), normalTensor(rng, [V, e]), ...flatGruLayers(layers)];
        }),
        // The embedding and the two layers' nine parameters each.
        wrt: Array.from({ length: 19 }, (_, i) => i + 1),
        forward: (...args) => {
          const [X, embedding, ...flat] = args as TensorData[];
          const layers = gruLayersOf(flat) as Layer64[];
          const { outputs, state } = gruStack64(layers, embed64(embedding!, X!));
          return TensorData.float(
            [cube(outputs).size + cube(state).size],
            [...cube(outputs).values, ...cube(state).values],
          );
        },
        numRuns: 6,
        skipBelow: 0.01,
      },
    ),
    example(
      'encoderDecoder: the encoder reads encX and validLen, initState its outputs, the decoder decX with seed + 500, and its output is returned',
      async (s) => {
        const encX = TensorData.int([2, 3], [1, 2, 3, 4, 5, 6]);
        const decX = TensorData.int([2, 2], [7, 8, 9, 10]);
        const validLen = TensorData.int([2], [3, 1]);
        for (const opts of [undefined, { dropout: 0.1, seed: 7 }]) {
          const got = (await s.call('driveEncoderDecoderCalls', encX, decX, validLen, opts)) as {
            calls?: unknown;
            Y?: unknown;
            s?: unknown;
          };
          const o = JSON.stringify(opts);
          const decO = JSON.stringify(opts && { dropout: 0.1, seed: 507 });
          expectSameData(
            got.calls,
            [
              `encoder.forward(encoder params, encX, validLen, opts ${o})`,
              "decoder.initState(the encoder's outputs: true, validLen)",
              `decoder.forward(decoder params, decX, the state initState made: true, opts ${decO})`,
            ],
            `the calls encoderDecoder made with opts ${o}`,
          );
          // s = Σ_t 2 encX + validLen = [12 + 3, 30 + 1]; Y = 3 decX + s.
          expectClose(got.Y, TensorData.float([2, 2, 1], [36, 39, 58, 61]), "the decoder's Y, returned");
          expectClose(got.s, TensorData.float([2], [30, 62]), "the decoder's new state, returned");
        }
      },
    ),
    rejects(
      'an H0 for another batch size or number of layers is a ShapeMismatchError naming H0',
      async (s, { rng }) => {
        const layers = drawLayers(rng, 2, 3, 4);
        const inputs = normalTensor(rng, [2, 3, 3]);
        for (const shape of [
          [2, 2, 4],
          [1, 3, 4],
        ])
          await s.rejects(
            'gruStack',
            [layers, inputs, normalTensor(rng, shape)],
            /H0/,
            `when H0 has shape [${shape}] for 2 layers, a batch of 3 and 4 units`,
            'ShapeMismatchError',
          );
      },
    ),
  ],
});
