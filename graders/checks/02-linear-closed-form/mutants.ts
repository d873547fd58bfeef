import type { Mutant } from '../../authoring/mutants';

export default [
  {
    name: 'no-singular-check',
    why: 'divides by whatever pivot it finds, returning Infinity or NaN for dependent columns',
    replace: [
      [
        '    if (!(Math.abs(A[p]![k]!) > tol)) {\n      throw new SingularMatrixError(\n        `XᵀX is singular: the columns of X are linearly dependent (no pivot in column ${k})`,\n      );\n    }\n',
        '',
      ],
    ],
  },
  {
    name: 'absolute-tolerance',
    why: 'calls a pivot below an absolute 1e-3 singular, so data on a small scale is refused and on a large scale accepted',
    replace: [['const tol = 1e-3 * Math.max(0, ...A.map((row, i) => Math.abs(row[i]!)));', 'const tol = 1e-3;']],
  },
  {
    name: 'diagonal-only',
    why: 'divides Xᵀy by the diagonal of XᵀX, ignoring the cross terms (right only for orthogonal columns)',
    replace: [
      ['    for (let j = i + 1; j < d; j++) s -= A[i]![j]! * w[j]!;\n', ''],
      ['      const f = A[i]![k]! / A[k]![k]!;', '      const f = 0;'],
    ],
  },
  {
    name: 'back-substitution-off-by-one',
    why: 'stops back substitution one column short, never subtracting the last unknown',
    replace: [
      [
        'for (let j = i + 1; j < d; j++) s -= A[i]![j]! * w[j]!;',
        'for (let j = i + 1; j < d - 1; j++) s -= A[i]![j]! * w[j]!;',
      ],
    ],
  },
  {
    name: 'row-vector',
    why: 'returns w as a row of shape [1, d] instead of a column [d, 1]',
    replace: [['return tf.tensor2d(w, [d, 1]);', 'return tf.tensor2d(w, [1, d]);']],
  },
  {
    name: 'no-tidy',
    why: 'forms XᵀX and Xᵀy without tf.tidy, so the transposes are never disposed',
    replace: [
      [
        'const [At, ct] = tf.tidy(() => [X.transpose().matMul(X), X.transpose().matMul(y)]);',
        'const [At, ct] = [X.transpose().matMul(X), X.transpose().matMul(y)];',
      ],
    ],
  },
  {
    name: 'plain-error',
    why: 'throws a plain Error instead of the SingularMatrixError the task asks for, so a caller cannot tell this mistake from any other failure',
    replace: [["import { SingularMatrixError } from 'd2l-ts/reference/errors';", 'const SingularMatrixError = Error;']],
  },
  {
    name: 'square-refused',
    why: 'calls a system singular unless there are more examples than features (n <= d), refusing a square X that has a unique solution',
    replace: [
      [
        '  const d = A.length;\n',
        "  const d = A.length;\n  if (X.shape[0] <= d) throw new SingularMatrixError('XᵀX is singular: fewer examples than features');\n",
      ],
    ],
  },
  {
    name: 'disposes-inputs',
    why: 'disposes X and y once XᵀX and Xᵀy are read, to free memory, though the caller still owns them',
    replace: [['  tf.dispose([At, ct]);\n', '  tf.dispose([At, ct, X, y]);\n']],
  },
] satisfies Mutant[];
