import * as tf from '@tensorflow/tfjs';
import { TensorData } from './tensor-data';

/** TensorData to a tf.Tensor in this (trusted) process, for the reference. */
export function toTensor(t: TensorData): tf.Tensor {
  return tf.tensor(t.values, [...t.shape], t.dtype);
}

export function fromTensor(t: tf.Tensor): TensorData {
  const dtype = t.dtype === 'int32' || t.dtype === 'bool' ? t.dtype : 'float32';
  const v = t.dataSync();
  const values = dtype === 'int32' ? Int32Array.from(v) : dtype === 'bool' ? Uint8Array.from(v) : Float32Array.from(v);
  return new TensorData([...t.shape], dtype, values);
}

type AsData<T> = T extends tf.Tensor ? TensorData : T;

/**
 * Wraps a tfjs function (a reference implementation) to take and return TensorData, with every
 * intermediate tensor disposed: `viaTf(ref.softmax)(x)`.
 */
export function viaTf<A extends unknown[]>(
  f: (...args: A) => tf.Tensor,
): (...args: { [K in keyof A]: AsData<A[K]> }) => TensorData {
  return (...args) => {
    // Read the result outside tidy: tidy walks a returned plain array element by element.
    const out = tf.tidy(() => f(...(args.map((a) => (a instanceof TensorData ? toTensor(a) : a)) as A)));
    const data = fromTensor(out);
    out.dispose();
    return data;
  };
}
