import * as tf from '@tensorflow/tfjs';

/**
 * The wasm backend's kernels that copy more than they need to, replaced.
 *
 * Slice, SplitV and Unpack: tfjs-backend-wasm 4.22 reads a slice's input with backend.readSync,
 * which copies the WHOLE input out of the wasm heap (HEAPU8.slice) before taking the part asked
 * for: a slice costs the input's size, and splitting [T n, h] into its T steps (tf.split,
 * tf.unstack, the gradient of tf.concat) copies it T times. On the 2-core machine, splitting a
 * [2560, 32] tensor into 10 took 5.3 ms of CPU, one [256, 32] slice of it 0.5 ms
 * (.d2l/scratch/micro.mts): the seq2seq training step spent more time there than in its products.
 * These kernels read the input through a view of the heap instead, after the output is allocated
 * (allocation may grow the heap and move it), and copy only what is asked for, in contiguous runs.
 * Values are the same as the original kernels' (selftest/seq2seq-ops.test.ts compares every rank
 * and axis with the cpu backend); strings keep the original path.
 *
 * Identity: wasm's copies its input, where the cpu and webgl backends share the data and count
 * references (as wasm's own Reshape does). tfjs clones every tensor an op saves for its gradient
 * (engine.saveTensorsForBackwardMode, customGrad's save), so on wasm every taped op copied its
 * saved inputs: 8,500 copies per 8 minibatches of the Bahdanau training step, the recurrent
 * layers' whole saved sequences on every language-model step. Kernels never write into their
 * inputs, so sharing is safe, as it is on the other backends.
 */
interface WasmTensorInfo {
  dataId: object;
  shape: number[];
  dtype: tf.DataType;
}

interface WasmBackend {
  makeOutput(shape: number[], dtype: tf.DataType): WasmTensorInfo;
  incRef(dataId: object): void;
  typedArrayFromHeap(t: WasmTensorInfo): Float32Array | Int32Array | Uint8Array;
}

type Values = Float32Array | Int32Array | Uint8Array;

/**
 * Copies x[begin : begin + size] (any rank) into out in contiguous runs: the axes after the last one
 * not taken whole are whole, so that axis and all after it are one run (a block of whole rows, as
 * a split into time steps takes, is a single copy).
 */
function copyBlock(x: Values, shape: number[], begin: number[], size: number[], out: Values): void {
  const rank = shape.length;
  const strides = [...tf.util.computeStrides(shape), 1];
  let k = rank - 1;
  while (k > 0 && size[k] === shape[k]) k--;
  const run = size.slice(k).reduce((a, b) => a * b, 1);
  const runs = size.slice(0, k).reduce((a, b) => a * b, 1);
  const idx = new Array<number>(k).fill(0);
  let o = 0;
  for (let r = 0; r < runs; r++) {
    let offset = begin[k]! * strides[k]!;
    for (let d = 0; d < k; d++) offset += (begin[d]! + idx[d]!) * strides[d]!;
    out.set(x.subarray(offset, offset + run), o);
    o += run;
    for (let d = k - 1; d >= 0; d--) {
      if (++idx[d]! < size[d]!) break;
      idx[d] = 0;
    }
  }
}

function sliceInfo(x: WasmTensorInfo, begin: number[], size: number[], backend: WasmBackend): WasmTensorInfo {
  const out = backend.makeOutput(size, x.dtype);
  if (size.some((s) => s === 0)) return out;
  // Views taken after makeOutput: it may have grown (and so moved) the heap.
  const xVals = backend.typedArrayFromHeap(x);
  const outVals = backend.typedArrayFromHeap(out);
  if (x.shape.length === 0) outVals.set(xVals);
  else copyBlock(xVals, x.shape, begin, size, outVals);
  return out;
}

let installed = false;

/** Replaces the four kernels for the wasm backend (once per process; a no-op where wasm is not registered). */
export function installWasmKernels(): void {
  if (installed) return;
  const original = tf.getKernel('Slice', 'wasm');
  if (!original) return;
  installed = true;
  const originalFunc = original.kernelFunc as unknown as (args: unknown) => WasmTensorInfo;
  const slice = (args: {
    inputs: { x: WasmTensorInfo };
    attrs: { begin: number[]; size: number[] };
    backend: WasmBackend;
  }) => {
    const { x } = args.inputs;
    if (x.dtype === 'string') return originalFunc(args);
    const [begin, size] = tf.slice_util.parseSliceParams(
      x as unknown as tf.TensorInfo,
      args.attrs.begin,
      args.attrs.size,
    ) as [number[], number[]];
    return sliceInfo(x, begin, size, args.backend);
  };
  const splitV = (args: {
    inputs: { x: WasmTensorInfo };
    attrs: { numOrSizeSplits: number | number[]; axis: number };
    backend: WasmBackend;
  }) => {
    const { x } = args.inputs;
    const axis = tf.util.parseAxisParam(args.attrs.axis, x.shape)[0]!;
    const sizes = tf.backend_util.prepareSplitSize(x as unknown as tf.Tensor, args.attrs.numOrSizeSplits, axis);
    const begin = new Array<number>(x.shape.length).fill(0);
    return sizes.map((s) => {
      const size = [...x.shape];
      size[axis] = s;
      const out = slice({ inputs: { x }, attrs: { begin: [...begin], size }, backend: args.backend });
      begin[axis]! += s;
      return out;
    });
  };
  const unpack = (args: { inputs: { value: WasmTensorInfo }; attrs: { axis: number }; backend: WasmBackend }) => {
    const x = args.inputs.value;
    const axis = args.attrs.axis < 0 ? args.attrs.axis + x.shape.length : args.attrs.axis;
    const outShape = x.shape.filter((_, d) => d !== axis);
    return Array.from({ length: x.shape[axis]! }, (_, i) => {
      const begin = x.shape.map((_, d) => (d === axis ? i : 0));
      const size = x.shape.map((s, d) => (d === axis ? 1 : s));
      const { dataId, dtype } = slice({ inputs: { x }, attrs: { begin, size }, backend: args.backend });
      return { dataId, dtype, shape: outShape };
    });
  };
  const originalIdentity = tf.getKernel('Identity', 'wasm')!.kernelFunc as unknown as (args: unknown) => WasmTensorInfo;
  const identity = (args: { inputs: { x: WasmTensorInfo }; backend: WasmBackend }) => {
    const { x } = args.inputs;
    if (x.dtype === 'string') return originalIdentity(args);
    args.backend.incRef(x.dataId);
    return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
  };
  for (const [kernelName, kernelFunc] of [
    ['Slice', slice],
    ['SplitV', splitV],
    ['Unpack', unpack],
    ['Identity', identity],
  ] as const) {
    tf.unregisterKernel(kernelName, 'wasm');
    tf.registerKernel({ kernelName, backendName: 'wasm', kernelFunc: kernelFunc as unknown as tf.KernelFunc });
  }
}
