import { deserialize, serialize } from 'node:v8';
import { describe, expect, test } from 'vitest';
import { TensorData } from '../lib/tensor-data';
import { replySchema } from './protocol';
import { fromWire, toWire } from './wire';

/** Across the process boundary as Node's advanced IPC serialization carries it. */
const roundTrip = (v: unknown) => fromWire(deserialize(serialize(toWire(v))));

describe('toWire and fromWire', () => {
  test.each([
    ['a float32 tensor', TensorData.float([2, 2], [1.5, NaN, Infinity, -Infinity])],
    ['an int32 tensor', TensorData.int([3], [-1, 0, 2 ** 31 - 1])],
    ['a rank-0 tensor', TensorData.float([], [2])],
  ])('round-trip %s with its shape, dtype and values', (_, t) => {
    const back = roundTrip(t);
    expect(back).toBeInstanceOf(TensorData);
    expect(back).toEqual(t);
  });

  test('round-trip Maps, Sets, nested arrays and objects, NaN and Infinity', () => {
    const value = {
      vocab: new Map<unknown, unknown>([
        ['<unk>', 0],
        [1, [NaN, -Infinity]],
      ]),
      seen: new Set(['a', 'b']),
      nested: [[1, [2, { x: Infinity, t: TensorData.of([[1, 2]]) }]], null, undefined, true, 'text'],
    };
    const back = roundTrip(value) as typeof value;
    expect(back).toEqual(value);
    expect(back.vocab).toBeInstanceOf(Map);
    expect(back.seen).toBeInstanceOf(Set);
  });

  test.each([
    ['a function', () => 1, 'function'],
    ['a bigint', 1n, 'bigint'],
    ['a function inside an object', { loss: [() => 1] }, 'function'],
  ])('toWire rejects %s', (_, v, kind) => {
    expect(() => toWire(v)).toThrow(`toWire: cannot send a ${kind}`);
  });

  test('toWire rejects values nested deeper than 32 levels', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 40; i++) deep = [deep];
    expect(() => toWire(deep)).toThrow('nested too deeply');
  });
});

describe('replySchema', () => {
  const tensor = (shape: number[], length: number) => ({
    $tensor: { shape, dtype: 'float32', values: new Float32Array(length) },
  });
  const result = (fields: object) => ({
    type: 'result',
    id: 1,
    value: tensor([2, 3], 6),
    leaked: 0,
    ms: 1.5,
    ...fields,
  });

  test('accepts a well-formed result', () => {
    expect(replySchema.safeParse(result({})).success).toBe(true);
  });

  test.each([
    ['a tensor whose values do not fill its shape', result({ value: tensor([2, 3], 5) })],
    ['such a tensor nested in an array', result({ value: [1, { a: tensor([4], 3) }] })],
    ['a result with a non-integer id', result({ id: 1.5 })],
    ['an unknown message type', { type: 'done', id: 1 }],
    ['a backend name over 50 characters', { type: 'ready', backend: 'x'.repeat(51) }],
    [
      'an error message over 20,000 characters',
      { type: 'fatal', error: { name: 'Error', message: 'x'.repeat(20_001) } },
    ],
  ])('rejects %s', (_, reply) => {
    expect(replySchema.safeParse(reply).success).toBe(false);
  });

  test('accepts a backend name of exactly 50 characters', () => {
    expect(replySchema.safeParse({ type: 'ready', backend: 'x'.repeat(50) }).success).toBe(true);
  });
});
