/**
 * The recurrent layers of chapters 5 and 6 in float64 plain JavaScript, written from the formulas:
 * an oracle independent of tfjs. The gradient checks take finite differences of these (their
 * outputs are rounded to float32 only once, so the differences are less noisy than those of a
 * float32 computation), and selftest/rnn-references.test.ts holds the references against them.
 */
import { TensorData } from '../tensor-data';
import type { ParamData } from '../rnn';

type M = number[][];
const mat = (t: TensorData): M => t.rows();
const vec = (t: TensorData): number[] => Array.from(t.values);
const mm = (a: M, b: M): M => a.map((r) => b[0]!.map((_, j) => r.reduce((s, x, k) => s + x * b[k]![j]!, 0)));
const map = (a: M, f: (x: number, i: number, j: number) => number): M => a.map((r, i) => r.map((x, j) => f(x, i, j)));
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
/** X W_x + H W_h + b */
const affine = (X: M, Wx: TensorData, H: M, Wh: TensorData, b: TensorData): M => {
  const [xw, hw, bias] = [mm(X, mat(Wx)), mm(H, mat(Wh)), vec(b)];
  return map(xw, (v, i, j) => v + hw[i]![j]! + bias[j]!);
};

/** The steps [n, d] of inputs [T, n, d]. */
function steps(inputs: TensorData): M[] {
  const [T, n] = inputs.shape as [number, number];
  const rows = inputs.rows();
  return Array.from({ length: T }, (_, t) => rows.slice(t * n, (t + 1) * n));
}

const tensor = (m: M): TensorData => TensorData.float([m.length, m[0]!.length], m.flat());
/** The outputs H_t W_hq + b_q of every step, in time order: [T n, q]. */
const outputs = (Hs: M[], W_hq: TensorData, b_q: TensorData) =>
  tensor(Hs.flatMap((H) => map(mm(H, mat(W_hq)), (v, _, j) => v + b_q.values[j]!)));

/** One tanh RNN layer over the steps: its hidden state after each. */
function layer(xs: M[], H0: M, p: ParamData): M[] {
  let H = H0;
  return xs.map((X) => (H = map(affine(X, p.W_xh!, H, p.W_hh!, p.b_h!), Math.tanh)));
}

export function rnn64(inputs: TensorData, H0: TensorData, p: ParamData): { Y: TensorData; state: TensorData[] } {
  const Hs = layer(steps(inputs), mat(H0), p);
  return { Y: outputs(Hs, p.W_hq!, p.b_q!), state: [tensor(Hs.at(-1)!)] };
}

/** One GRU layer over the steps: its hidden state after each. */
function gruLayer(xs: M[], H0: M, p: ParamData): M[] {
  let H = H0;
  return xs.map((X) => {
    const Z = map(affine(X, p.W_xz!, H, p.W_hz!, p.b_z!), sigmoid);
    const R = map(affine(X, p.W_xr!, H, p.W_hr!, p.b_r!), sigmoid);
    const cand = map(
      affine(
        X,
        p.W_xh!,
        map(H, (h, i, j) => h * R[i]![j]!),
        p.W_hh!,
        p.b_h!,
      ),
      Math.tanh,
    );
    H = map(H, (h, i, j) => Z[i]![j]! * h + (1 - Z[i]![j]!) * cand[i]![j]!);
    return H;
  });
}

/** One LSTM layer over the steps: its hidden state after each, and its final memory cell. */
function lstmLayer(xs: M[], H0: M, C0: M, p: ParamData): { Hs: M[]; C: M } {
  let [H, C] = [H0, C0];
  const gate = (X: M, g: string, f: (x: number) => number) =>
    map(affine(X, p[`W_x${g}`]!, H, p[`W_h${g}`]!, p[`b_${g}`]!), f);
  const Hs = xs.map((X) => {
    const [I, F, O, Ct] = [
      gate(X, 'i', sigmoid),
      gate(X, 'f', sigmoid),
      gate(X, 'o', sigmoid),
      gate(X, 'c', Math.tanh),
    ];
    C = map(C, (c, i, j) => F[i]![j]! * c + I[i]![j]! * Ct[i]![j]!);
    H = map(C, (c, i, j) => O[i]![j]! * Math.tanh(c));
    return H;
  });
  return { Hs, C };
}

export function gru64(inputs: TensorData, H0: TensorData, p: ParamData): { Y: TensorData; state: TensorData[] } {
  const Hs = gruLayer(steps(inputs), mat(H0), p);
  return { Y: outputs(Hs, p.W_hq!, p.b_q!), state: [tensor(Hs.at(-1)!)] };
}

export function lstm64(
  inputs: TensorData,
  H0: TensorData,
  C0: TensorData,
  p: ParamData,
): { Y: TensorData; state: TensorData[] } {
  const { Hs, C } = lstmLayer(steps(inputs), mat(H0), mat(C0), p);
  return { Y: outputs(Hs, p.W_hq!, p.b_q!), state: [tensor(Hs.at(-1)!), tensor(C)] };
}

/** L stacked tanh layers, layer l reading layer l − 1's states, the output layer on the last. */
export function deepRnn64(
  inputs: TensorData,
  H0s: TensorData[],
  p: { layers: ParamData[]; W_hq: TensorData; b_q: TensorData },
): { Y: TensorData; state: TensorData[] } {
  const out = stacked64(
    'rnn',
    inputs,
    H0s.map((H) => [H]),
    p,
  );
  return { Y: out.Y, state: out.state.map((s) => s[0]!) };
}

/**
 * L stacked layers of one cell (tanh RNN, GRU or LSTM), layer l reading layer l − 1's hidden
 * states, from each layer's state ([H], or [H, C] for the LSTM); the output layer on the last.
 */
export function stacked64(
  cell: 'rnn' | 'gru' | 'lstm',
  inputs: TensorData,
  states: TensorData[][],
  p: { layers: ParamData[]; W_hq: TensorData; b_q: TensorData },
): { Y: TensorData; state: TensorData[][] } {
  let xs = steps(inputs);
  const finals = p.layers.map((l, i) => {
    const [H0, C0] = states[i]!;
    if (cell === 'lstm') {
      const { Hs, C } = lstmLayer(xs, mat(H0!), mat(C0!), l);
      xs = Hs;
      return [tensor(Hs.at(-1)!), tensor(C)];
    }
    xs = cell === 'gru' ? gruLayer(xs, mat(H0!), l) : layer(xs, mat(H0!), l);
    return [tensor(xs.at(-1)!)];
  });
  return { Y: outputs(xs, p.W_hq, p.b_q), state: finals };
}

/**
 * A forward and a backward tanh layer from the initial states [→H_0, ←H_{T+1}] (zeros when not
 * given), concatenated at each step; Y the output layer on them.
 */
export function birnn64(
  inputs: TensorData,
  p: { fwd: ParamData; bwd: ParamData; W_hq: TensorData; b_q: TensorData },
  state?: readonly [TensorData, TensorData],
): { Y: TensorData; outputs: TensorData } {
  const xs = steps(inputs);
  const zeros = (l: ParamData) => xs[0]!.map(() => new Array<number>(l.W_hh!.shape[0]!).fill(0));
  const fwd = layer(xs, state ? mat(state[0]) : zeros(p.fwd), p.fwd);
  const bwd = layer([...xs].reverse(), state ? mat(state[1]) : zeros(p.bwd), p.bwd).reverse();
  const Hs = fwd.map((F, t) => F.map((row, i) => [...row, ...bwd[t]![i]!]));
  const [T, n] = inputs.shape as [number, number];
  return { Y: outputs(Hs, p.W_hq, p.b_q), outputs: TensorData.float([T, n, Hs[0]![0]!.length], Hs.flat(2)) };
}
