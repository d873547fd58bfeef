import { TensorData, type DType } from '../lib/tensor-data';

/**
 * Values crossing the process boundary between the checks (trusted parent) and the student's code
 * (subject process). Node's "advanced" IPC serialization keeps typed arrays, NaN and Infinity;
 * tensors, Maps and Sets are tagged so both sides can rebuild them.
 */
export type Wire =
  | number
  | string
  | boolean
  | null
  | undefined
  | WireTensor
  | { $map: [Wire, Wire][] }
  | { $set: Wire[] }
  | Wire[]
  | { [key: string]: Wire };

export interface WireTensor {
  $tensor: { shape: number[]; dtype: DType; values: Float32Array | Int32Array | Uint8Array };
}

const MAX_DEPTH = 32;

/** Parent side: inputs drawn by the checks, made ready to send. */
export function toWire(v: unknown, depth = 0): Wire {
  if (depth > MAX_DEPTH) throw new Error('toWire: value nested too deeply');
  if (v instanceof TensorData) {
    return { $tensor: { shape: [...v.shape], dtype: v.dtype, values: v.values } };
  }
  if (v instanceof Map) return { $map: [...v].map(([k, x]) => [toWire(k, depth + 1), toWire(x, depth + 1)]) };
  if (v instanceof Set) return { $set: [...v].map((x) => toWire(x, depth + 1)) };
  if (Array.isArray(v)) return v.map((x) => toWire(x, depth + 1));
  if (v !== null && typeof v === 'object') {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toWire(x, depth + 1)]));
  }
  if (typeof v === 'function' || typeof v === 'symbol' || typeof v === 'bigint') {
    throw new Error(`toWire: cannot send a ${typeof v}`);
  }
  return v as Wire;
}

/** Parent side: what the subject returned, rebuilt with TensorData, Map and Set. */
export function fromWire(w: Wire): unknown {
  if (Array.isArray(w)) return w.map(fromWire);
  if (w !== null && typeof w === 'object') {
    if (isWireTensor(w)) {
      const { shape, dtype, values } = w.$tensor;
      return new TensorData(shape, dtype, values);
    }
    if ('$map' in w && Array.isArray(w.$map))
      return new Map((w.$map as [Wire, Wire][]).map(([k, x]) => [fromWire(k), fromWire(x)]));
    if ('$set' in w && Array.isArray(w.$set)) return new Set((w.$set as Wire[]).map(fromWire));
    return Object.fromEntries(Object.entries(w).map(([k, x]) => [k, fromWire(x as Wire)]));
  }
  return w;
}

/** A tagged tensor (its fields are validated by wireSchema on the parent's side). */
export function isWireTensor(w: object): w is WireTensor {
  if (!('$tensor' in w)) return false;
  const t = w.$tensor as { values?: unknown; shape?: unknown } | null;
  return typeof t === 'object' && t !== null && ArrayBuffer.isView(t.values) && Array.isArray(t.shape);
}
