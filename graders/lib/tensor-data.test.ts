import { describe, expect, test } from 'vitest';
import { TensorData } from './tensor-data';

describe('TensorData', () => {
  const t = TensorData.float(
    [2, 3, 4],
    Array.from({ length: 24 }, (_, i) => i),
  );

  test('index and offset are inverse row-major maps', () => {
    for (let i = 0; i < t.size; i++) expect(t.offset(t.index(i))).toBe(i);
    expect(t.index(7)).toEqual([0, 1, 3]);
    expect(t.offset([1, 2, 3])).toBe(23);
  });

  test('toArray nests the values by the shape', () => {
    expect(TensorData.float([2, 3], [0, 1, 2, 3, 4, 5]).toArray()).toEqual([
      [0, 1, 2],
      [3, 4, 5],
    ]);
    expect(TensorData.float([], [7]).toArray()).toBe(7);
    expect(t.get(1, 0, 2)).toBe(14);
  });

  test('of builds the shape and dtype of nested arrays', () => {
    const f = TensorData.of([
      [[1], [2]],
      [[3], [4]],
      [[5], [6]],
    ]);
    expect(f.shape).toEqual([3, 2, 1]);
    expect(f.values).toEqual(Float32Array.from([1, 2, 3, 4, 5, 6]));
    const i = TensorData.of([1, 2, 3], 'int32');
    expect(i.dtype).toBe('int32');
    expect(i.values).toBeInstanceOf(Int32Array);
  });

  test('the constructor rejects values that do not fill the shape', () => {
    expect(() => new TensorData([2, 3], 'float32', new Float32Array(5))).toThrow('shape [2,3] needs 6 values, got 5');
  });

  test('rows splits the last axis', () => {
    expect(TensorData.float([2, 1, 2], [1, 2, 3, 4]).rows()).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });
});
