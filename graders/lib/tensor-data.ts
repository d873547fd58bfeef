/** fast-check's fc.toStringMethod (a registered symbol), without loading fast-check where it is not needed. */
const fcToString = Symbol.for('fast-check/toStringMethod');

/** The dtypes a tensor can cross the process boundary with. */
export type DType = 'float32' | 'int32' | 'bool';
export type TypedValues = Float32Array | Int32Array | Uint8Array;

/**
 * A tensor read back into plain memory: what a student's function returned, or an input the
 * checks drew. Checks compare these in plain JavaScript, so a verdict never depends on tfjs state
 * in the process that ran student code.
 */
export class TensorData {
  constructor(
    readonly shape: readonly number[],
    readonly dtype: DType,
    readonly values: TypedValues,
  ) {
    const size = shape.reduce((a, b) => a * b, 1);
    if (values.length !== size) {
      throw new Error(`TensorData: shape [${shape.join(',')}] needs ${size} values, got ${values.length}`);
    }
  }

  static float(shape: readonly number[], values: ArrayLike<number>): TensorData {
    return new TensorData(shape, 'float32', Float32Array.from(values));
  }

  static int(shape: readonly number[], values: ArrayLike<number>): TensorData {
    return new TensorData(shape, 'int32', Int32Array.from(values));
  }

  /** Builds a float tensor from nested arrays, e.g. `TensorData.of([[1, 2], [3, 4]])`. */
  static of(nested: unknown, dtype: DType = 'float32'): TensorData {
    const shape: number[] = [];
    for (let level: unknown = nested; Array.isArray(level); level = level[0]) shape.push(level.length);
    const flat = (nested as unknown[]).flat(Infinity) as number[];
    const values =
      dtype === 'float32' ? Float32Array.from(flat) : dtype === 'int32' ? Int32Array.from(flat) : Uint8Array.from(flat);
    return new TensorData(shape, dtype, values);
  }

  get size(): number {
    return this.values.length;
  }

  get rank(): number {
    return this.shape.length;
  }

  /** Row-major offset of a multi-index. */
  offset(index: readonly number[]): number {
    let off = 0;
    for (let d = 0; d < this.shape.length; d++) off = off * this.shape[d]! + index[d]!;
    return off;
  }

  /** Multi-index of a row-major offset. */
  index(offset: number): number[] {
    const idx = new Array<number>(this.shape.length);
    for (let d = this.shape.length - 1; d >= 0; d--) {
      idx[d] = offset % this.shape[d]!;
      offset = Math.floor(offset / this.shape[d]!);
    }
    return idx;
  }

  get(...index: number[]): number {
    return this.values[this.offset(index)]!;
  }

  /** The values as nested arrays, like `tensor.arraySync()`. */
  toArray(): unknown {
    const build = (dim: number, start: number): unknown => {
      if (dim === this.shape.length) return this.values[start];
      const stride = this.shape.slice(dim + 1).reduce((a, b) => a * b, 1);
      return Array.from({ length: this.shape[dim]! }, (_, i) => build(dim + 1, start + i * stride));
    };
    return build(0, 0);
  }

  /** The rows of the last axis, each as a plain array: [..., n] becomes size/n rows of n. */
  rows(): number[][] {
    const n = this.shape.at(-1) ?? 1;
    const out: number[][] = [];
    for (let r = 0; r * n < this.size; r++) out.push(Array.from(this.values.subarray(r * n, (r + 1) * n)));
    return out;
  }

  map(f: (v: number, i: number) => number): TensorData {
    return new TensorData(this.shape, 'float32', Float32Array.from(this.values, f));
  }

  describe(): string {
    return `${this.dtype} tensor of shape [${this.shape.join(', ')}]`;
  }

  toString(): string {
    return `tensor(${formatNested(this.toArray(), 6)}, shape [${this.shape.join(', ')}]${this.dtype === 'float32' ? '' : `, ${this.dtype}`})`;
  }

  /** fast-check prints counterexamples with this. */
  [fcToString](): string {
    return this.toString();
  }
}

/** Short printing of numbers and nested arrays for messages. */
export function formatNumber(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'Infinity' : '-Infinity';
  if (Number.isInteger(x) && Math.abs(x) < 1e9) return String(x);
  const a = Math.abs(x);
  return a !== 0 && (a < 1e-3 || a >= 1e6) ? x.toExponential(3) : String(Number(x.toPrecision(5)));
}

function formatNested(v: unknown, maxItems: number): string {
  if (!Array.isArray(v)) return typeof v === 'number' ? formatNumber(v) : String(v);
  const items = v.slice(0, maxItems).map((x) => formatNested(x, maxItems));
  if (v.length > maxItems) items.push(`… ${v.length - maxItems} more`);
  return `[${items.join(', ')}]`;
}

export function isTensorData(v: unknown): v is TensorData {
  return v instanceof TensorData;
}
