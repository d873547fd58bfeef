import type { Mutant } from '../../authoring/mutants';

export default [
  {
    name: 'math-round',
    why: "rounds halves up (JavaScript's Math.round) instead of to the even neighbour as Python's round",
    replace: [['  return f % 2 === 0 ? f : f + 1;', '  return f + 1;']],
  },
  {
    name: 'nsp-labels-swapped',
    why: 'labels the true next sentence NotNext and the random one IsNext',
    replace: [
      [
        '    let isNext = true;\n    if (rng.uniform() >= 0.5) {',
        '    let isNext = false;\n    if (rng.uniform() >= 0.5) {',
      ],
      [
        '      b = p[rng.int(p.length)];\n      isNext = false;',
        '      b = p[rng.int(p.length)];\n      isNext = true;',
      ],
    ],
  },
  {
    name: 'nsp-mostly-next',
    why: 'takes the true next sentence 80 % of the time (u < 0.8) instead of half',
    replace: [['    if (rng.uniform() >= 0.5) {', '    if (rng.uniform() >= 0.8) {']],
  },
  {
    name: 'nsp-other-paragraphs-only',
    why: "draws the random sentence from another paragraph only (not d2l's rule, which allows the same one)",
    replace: [
      [
        '      const p = paragraphs[rng.int(paragraphs.length)];',
        '      const others = paragraphs.filter((q) => q !== paragraph);\n      const p = others.length ? others[rng.int(others.length)] : paragraph;',
      ],
    ],
  },
  {
    name: 'nsp-length-before-draw',
    why: 'tests the length with the true next sentence before drawing, unlike d2l (which draws first, then tests the pair it made)',
    replace: [
      [
        '    let b = paragraph[i + 1];\n    let isNext = true;',
        '    if (paragraph[i].length + paragraph[i + 1].length + 3 > maxLen) continue;\n    let b = paragraph[i + 1];\n    let isNext = true;',
      ],
      ['    if (a.length + b.length + 3 > maxLen) continue;\n', ''],
    ],
  },
  {
    name: 'nsp-length-off-by-one',
    why: 'drops a pair of exactly maxLen tokens too (>= instead of >)',
    replace: [
      ['    if (a.length + b.length + 3 > maxLen) continue;', '    if (a.length + b.length + 3 >= maxLen) continue;'],
    ],
  },
  {
    name: 'mlm-never-random',
    why: 'keeps the token in all the 20 % not masked, forgetting the random replacement',
    replace: [
      [
        '    else if (rng.uniform() < 0.5) masked = tokens[position];\n    else masked = idxToToken[rng.int(idxToToken.length)];',
        '    else masked = tokens[position];',
      ],
    ],
  },
  {
    name: 'mlm-random-without-specials',
    why: "draws the random token from the words only, while d2l's random.choice(vocab.idx_to_token) includes the special tokens",
    replace: [
      [
        '    else masked = idxToToken[rng.int(idxToToken.length)];',
        '    else masked = idxToToken[5 + rng.int(idxToToken.length - 5)];',
      ],
    ],
  },
  {
    name: 'mlm-shuffles-the-argument',
    why: "shuffles the caller's candidate positions in place, as d2l's random.shuffle(candidate_pred_positions) does",
    replace: [
      [
        '  for (const position of rng.shuffle([...candidatePredPositions])) {',
        '  for (const position of rng.shuffle(candidatePredPositions)) {',
      ],
    ],
  },
  {
    name: 'mlm-label-after-replacement',
    why: 'records the replaced token as the label instead of the original one',
    replace: [
      [
        '    predPositionsAndLabels.push([position, tokens[position]]);',
        '    predPositionsAndLabels.push([position, masked]);',
      ],
    ],
  },
  {
    name: 'mlm-predicts-sep',
    why: "leaves '<sep>' among the candidates, so a special token can be predicted",
    replace: [
      ["    if (t !== '<cls>' && t !== '<sep>') candidates.push(i);", "    if (t !== '<cls>') candidates.push(i);"],
    ],
  },
  {
    name: 'mlm-count-from-candidates',
    why: 'takes 15 % of the candidates instead of 15 % of the whole sequence (d2l counts the special tokens)',
    replace: [
      [
        'const numMlmPreds = Math.max(1, pythonRound(tokens.length * 0.15));',
        'const numMlmPreds = Math.max(1, pythonRound(candidates.length * 0.15));',
      ],
    ],
  },
  {
    name: 'mlm-count-math-round',
    why: "rounds 15 % of the length with Math.round, so 30 tokens get 5 predictions instead of Python's 4",
    replace: [
      [
        'const numMlmPreds = Math.max(1, pythonRound(tokens.length * 0.15));',
        'const numMlmPreds = Math.max(1, Math.round(tokens.length * 0.15));',
      ],
    ],
  },
  {
    name: 'positions-unsorted',
    why: 'leaves the predictions in the order they were drawn instead of sorting them by position',
    replace: [
      [
        '  const sorted = [...predPositionsAndLabels].sort((a, b) => a[0] - b[0]);',
        '  const sorted = [...predPositionsAndLabels];',
      ],
    ],
  },
  {
    name: 'pad-with-unk',
    why: 'pads with id 0 (<unk>) instead of the id of <pad>',
    replace: [["  const pad = Math.max(0, idxToToken.indexOf('<pad>'));", '  const pad = 0;']],
  },
  {
    name: 'slots-math-round',
    why: 'makes Math.round(maxLen · 0.15) prediction slots (5 for maxLen 30) instead of Python-rounded',
    replace: [['  const P = pythonRound(maxLen * 0.15);', '  const P = Math.round(maxLen * 0.15);']],
  },
  {
    name: 'padded-slots-weighted',
    why: 'gives the padded prediction slots weight 1, so the loss learns to predict <unk> at position 0',
    replace: [
      [
        '          e.predPositions.map(() => 1),\n          P,\n          0,',
        '          e.predPositions.map(() => 1),\n          P,\n          1,',
      ],
    ],
  },
  {
    name: 'valid-length-is-maxLen',
    why: 'counts the padding in the valid length',
    replace: [
      [
        '    validLens: tf.tensor1d(examples.map((e) => e.tokenIds.length)),',
        '    validLens: tf.tensor1d(examples.map(() => maxLen)),',
      ],
    ],
  },
  {
    name: 'vocab-without-min-freq',
    why: "keeps every word in the vocabulary (min_freq 0) instead of d2l's min_freq 5",
    replace: [
      [
        "  const vocab = new Vocab(tokenized.flat(), 5, ['<pad>', '<mask>', '<cls>', '<sep>']);",
        "  const vocab = new Vocab(tokenized.flat(), 0, ['<pad>', '<mask>', '<cls>', '<sep>']);",
      ],
    ],
  },
  {
    name: 'pipeline-one-seed',
    why: 'passes the same seed to every paragraph, so they all draw alike',
    replace: [
      [
        'getNspDataFromParagraph(p, tokenized, maxLen, rng.int(2 ** 31))',
        'getNspDataFromParagraph(p, tokenized, maxLen, seed)',
      ],
    ],
  },
  {
    name: 'batches-drop-last',
    why: 'drops the last, shorter batch',
    replace: [
      [
        '  for (let start = 0; start < n; start += batchSize) {',
        '  for (let start = 0; start + batchSize <= n; start += batchSize) {',
      ],
    ],
  },
  {
    name: 'batches-unshuffled',
    why: 'gives the examples in order instead of shuffling them',
    replace: [
      [
        '  const order = makeRng(seed).shuffle(Array.from({ length: n }, (_, i) => i));',
        '  const order = Array.from({ length: n }, (_, i) => i);',
      ],
    ],
  },
  {
    name: 'one-sentence-paragraph-accepted',
    why: "quietly makes no pair of a one-sentence paragraph (d2l's behaviour)",
    replace: [
      [
        '  if (paragraph.length < 2)\n    throw new ParagraphTooShortError(`the paragraph has ${paragraph.length} sentence(s): a next-sentence pair needs 2`);\n',
        '',
      ],
      [
        '  tokenized.forEach((p, k) => {\n    if (p.length < 2)\n      throw new ParagraphTooShortError(`paragraphs[${k}] has ${p.length} sentence(s): a next-sentence pair needs 2`);\n  });\n',
        '',
      ],
    ],
  },
  {
    name: 'no-empty-check',
    why: 'leaves an empty paragraph list to the vocabulary, whose error does not name paragraphs',
    replace: [
      [
        "  if (paragraphs.length === 0) throw new EmptyCorpusError('paragraphs is empty: there is no text to pretrain on');\n",
        '',
      ],
    ],
  },
  {
    name: 'no-maxLen-check',
    why: 'accepts maxLen = 4, where no pair fits, and returns nothing',
    replace: [
      [
        '  if (!Number.isInteger(maxLen) || maxLen < 5)\n    throw new HyperparameterError(`maxLen = ${maxLen}: <cls> A <sep> B <sep> needs at least 5 positions`);\n  if (paragraph.length < 2)',
        '  if (paragraph.length < 2)',
      ],
    ],
  },
  {
    name: 'no-tidy',
    why: 'forgets tf.tidy in bertBatches, so the index tensor of every batch is never disposed',
    replace: [
      [
        '    yield tf.tidy(() => {\n      const idx = tf.tensor1d(rows',
        '    yield (() => {\n      const idx = tf.tensor1d(rows',
      ],
      [
        '        nspLabels: tf.gather(data.nspLabels, idx),\n      };\n    });',
        '        nspLabels: tf.gather(data.nspLabels, idx),\n      };\n    })();',
      ],
    ],
  },
] satisfies Mutant[];
