import { describe, expect, test } from 'vitest';
import { expectClose, expectFinite, expectNumberClose, expectRowsAreDistributions, expectTensor } from './compare';
import { CheckFailure } from './failure';
import { TensorData } from './tensor-data';

describe('expectClose', () => {
  const expected = TensorData.of([
    [0, 0, 0],
    [0, 0, 0],
  ]);

  test('names the worst element by its multi-index and counts the elements that differ', () => {
    const got = TensorData.of([
      [0, 0.5, 0],
      [0, 0, 2],
    ]);
    expect(() => expectClose(got, expected, 'Y')).toThrow(CheckFailure);
    expect(() => expectClose(got, expected, 'Y')).toThrow(
      /^Y is wrong at element \[1, 2\]: expected 0, got 2 .*; 2 of 6 elements differ$/,
    );
  });

  test('rejects a shape mismatch, naming both shapes', () => {
    const got = TensorData.of([
      [0, 0],
      [0, 0],
      [0, 0],
    ]);
    expect(() => expectClose(got, expected, 'Y')).toThrow('Y has shape [3, 2], expected [2, 3]');
  });

  test.each([
    ['NaN against a number', NaN, 1],
    ['a number against NaN', 1, NaN],
    ['+Infinity against -Infinity', Infinity, -Infinity],
    ['Infinity against a large number', Infinity, 3e38],
  ])('treats %s as a mismatch', (_, a, b) => {
    expect(() => expectClose(TensorData.float([1], [a]), TensorData.float([1], [b]), 'y')).toThrow(CheckFailure);
  });

  test.each([
    ['NaN against NaN', NaN],
    ['Infinity against Infinity', Infinity],
    ['-Infinity against -Infinity', -Infinity],
  ])('accepts %s', (_, v) => {
    expect(() => expectClose(TensorData.float([1], [v]), TensorData.float([1], [v]), 'y')).not.toThrow();
  });

  describe('the tolerance |a - b| <= atol + rtol·|b|', () => {
    // Exact in float32: allowed = 0.25 + 0.125·4 = 0.75 around b = ±4; a step of 2^-21 is one float32 spacing at 4.75.
    const tol = { atol: 0.25, rtol: 0.125 };
    const ulp = 2 ** -21;
    const check = (a: number, b: number) => () =>
      expectClose(TensorData.float([1], [a]), TensorData.float([1], [b]), 'y', tol);

    test.each([
      [4.75, 4],
      [3.25, 4],
      [-4.75, -4],
    ])('accepts a = %s against b = %s, on the bound', (a, b) => {
      expect(check(a, b)).not.toThrow();
    });

    test.each([
      [4.75 + ulp, 4],
      [3.25 - ulp, 4],
      [-4.75 - ulp, -4],
    ])('rejects a = %s against b = %s, just outside the bound', (a, b) => {
      expect(check(a, b)).toThrow(CheckFailure);
    });

    test('scales rtol by |b|, the expected value, not by |a|', () => {
      // |a - b| = 0.5: within 0.25 + 0.125·|a| = 0.75, outside 0.25 + 0.125·|b| = 0.25.
      expect(check(4, 0)).toThrow(/allowed 0\.25/);
    });
  });
});

describe('expectTensor', () => {
  test.each([
    ['a number', 3, 'the number 3'],
    ['an array', [1, 2], 'an array of 2'],
    ['undefined', undefined, 'undefined'],
  ])('rejects %s, saying it should be a tensor', (_, v, described) => {
    expect(() => expectTensor(v, 'softmax(X)')).toThrow(CheckFailure);
    expect(() => expectTensor(v, 'softmax(X)')).toThrow(`softmax(X) should be a tensor, but it is ${described}`);
  });

  test('returns a tensor of the requested shape and rejects another shape', () => {
    const t = TensorData.of([[1, 2]]);
    expect(expectTensor(t, 'Y', [1, 2])).toBe(t);
    expect(() => expectTensor(t, 'Y', [2])).toThrow('Y has shape [1, 2], expected [2]');
  });
});

describe('expectRowsAreDistributions', () => {
  const check = (rows: number[][]) => () => expectRowsAreDistributions(TensorData.of(rows), 'P');

  test('accepts rows of probabilities that sum to 1', () => {
    expect(
      check([
        [0.25, 0.75],
        [1, 0],
      ]),
    ).not.toThrow();
  });

  test('rejects a negative entry, naming its row and column', () => {
    expect(
      check([
        [0.5, 0.5],
        [-0.25, 1],
      ]),
    ).toThrow('P has -0.25 at element [1, 0], outside [0, 1]');
  });

  test('rejects an entry above 1, naming its row and column', () => {
    expect(
      check([
        [0.5, 0.5],
        [0, 1.5],
      ]),
    ).toThrow('P has 1.5 at element [1, 1], outside [0, 1]');
  });

  test('rejects a row summing to 0.9, naming the row', () => {
    expect(
      check([
        [0.5, 0.5],
        [0.4, 0.5],
      ]),
    ).toThrow(/^row 1 of P sums to 0\.9, expected 1/);
  });

  test('rejects a NaN entry', () => {
    expect(check([[NaN, 1]])).toThrow(CheckFailure);
  });
});

describe('expectFinite', () => {
  test('names the first non-finite element', () => {
    const t = TensorData.of([
      [1, 2],
      [-Infinity, NaN],
    ]);
    expect(() => expectFinite(t, 'Y')).toThrow('Y has -Infinity at element [1, 0]');
  });

  test('calls a rank-0 tensor the scalar', () => {
    expect(() => expectFinite(TensorData.float([], [NaN]), 'loss')).toThrow('loss has NaN at the scalar');
  });

  test('accepts finite values', () => {
    expect(() => expectFinite(TensorData.of([1e38, -1e38]), 'Y')).not.toThrow();
  });
});

describe('expectNumberClose', () => {
  test.each([
    ['a string', '1', 'a string'],
    ['a tensor', TensorData.float([1], [1]), 'a float32 tensor of shape [1]'],
    ['undefined', undefined, 'undefined'],
  ])('rejects %s, saying it should be a number', (_, v, described) => {
    expect(() => expectNumberClose(v, 1, 'accuracy')).toThrow(`accuracy should be a number, but it is ${described}`);
  });

  test('accepts a close number and rejects a far one', () => {
    expect(expectNumberClose(0.50001, 0.5, 'accuracy')).toBe(0.50001);
    expect(() => expectNumberClose(0.51, 0.5, 'accuracy')).toThrow('accuracy should be 0.5, got 0.51');
  });
});
