import type { Mutant } from '../../authoring/mutants';

export default [
  {
    name: 'no-brackets',
    why: "takes the n-grams of the bare word, without the '<' and '>' that mark prefixes and suffixes",
    replace: [['  const chars = Array.from(special);', '  const chars = Array.from(word);']],
  },
  {
    name: 'no-special-subword',
    why: "forgets the special subword '<word>'",
    replace: [['  if (!seen.has(special)) out.push(special);\n', '']],
  },
  {
    name: 'special-subword-twice',
    why: "adds '<word>' even when it was already met as an n-gram (a short word)",
    replace: [['  if (!seen.has(special)) out.push(special);', '  out.push(special);']],
  },
  {
    name: 'repeated-n-grams-kept',
    why: "keeps every occurrence of a repeated n-gram ('ana' twice in 'banana'): G_w is a set",
    replace: [
      [
        '      if (!seen.has(g)) {\n        seen.add(g);\n        out.push(g);\n      }',
        '      seen.add(g);\n      out.push(g);',
      ],
    ],
  },
  {
    name: 'max-length-excluded',
    why: 'stops at n = maxN − 1',
    replace: [['for (let n = minN; n <= maxN; n++) {', 'for (let n = minN; n < maxN; n++) {']],
  },
  {
    name: 'position-major-order',
    why: 'lists the n-grams by start position first and length second',
    replace: [
      [
        '  for (let n = minN; n <= maxN; n++) {\n    for (let i = 0; i + n <= chars.length; i++) {',
        '  for (let i = 0; i < chars.length; i++) {\n    for (let n = minN; n <= maxN && i + n <= chars.length; n++) {',
      ],
    ],
  },
  {
    name: 'utf16-units',
    why: 'splits the word into UTF-16 units, cutting a character outside the BMP (an emoji) in two',
    replace: [['  const chars = Array.from(special);', "  const chars = special.split('');"]],
  },
  {
    name: 'vocab-sorted',
    why: 'numbers the subwords alphabetically instead of in the order first met',
    replace: [
      [
        '  for (const w of words) for (const g of subwords(w, minN, maxN)) if (!index.has(g)) index.set(g, index.size);',
        '  for (const g of [...new Set(words.flatMap((w) => subwords(w, minN, maxN)))].sort()) index.set(g, index.size);',
      ],
    ],
  },
  {
    name: 'unknown-subword-as-first',
    why: 'sends a subword the index lacks to row 0 instead of skipping it',
    replace: [['      if (k !== undefined) row[k] = 1;', '      row[k ?? 0] = 1;']],
  },
  {
    name: 'detached-vectors',
    why: 'sums the subword vectors in plain JavaScript (dataSync), which cuts the gradient with respect to Z',
    replace: [
      [
        'return tf.tidy(() => tf.tensor2d(rows, [words.length, G]).matMul(Z) as tf.Tensor2D);',
        'return tf.tidy(() => tf.tensor2d(tf.tensor2d(rows, [words.length, G]).matMul(Z).dataSync(), [words.length, Z.shape[1]]));',
      ],
    ],
  },
  {
    name: 'no-range-check',
    why: 'accepts minN = 0 (empty subwords) and fractional lengths',
    replace: [
      [
        '  if (!Number.isInteger(minN) || minN < 1)\n    throw new HyperparameterError(`minN = ${minN}: it must be a whole number >= 1`);\n',
        '',
      ],
    ],
  },
  {
    name: 'disposes-input',
    why: 'frees the subword vectors Z when done, though they belong to the caller',
    replace: [
      [
        'return tf.tidy(() => tf.tensor2d(rows, [words.length, G]).matMul(Z) as tf.Tensor2D);',
        'const out = tf.tidy(() => tf.tensor2d(rows, [words.length, G]).matMul(Z) as tf.Tensor2D);\n  Z.dispose();\n  return out;',
      ],
    ],
  },
  {
    name: 'no-tidy',
    why: 'forgets tf.tidy, so the 0/1 matrix is never disposed',
    replace: [
      [
        'return tf.tidy(() => tf.tensor2d(rows, [words.length, G]).matMul(Z) as tf.Tensor2D);',
        'return tf.tensor2d(rows, [words.length, G]).matMul(Z) as tf.Tensor2D;',
      ],
    ],
  },
] satisfies Mutant[];
