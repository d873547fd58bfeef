import type { Mutant } from '../../authoring/mutants';

export default [
  {
    name: 'rank-by-last-step',
    why: "keeps the extensions whose last token is most probable, P(y_t | …), instead of the whole candidate's Σ log P",
    replace: [
      [
        '        let j = kept.length;\n        while (j > 0 && kept[j - 1].logProb < logProb) j--;',
        '        let j = kept.length;\n        while (j > 0 && kept[j - 1].last < lp) j--;',
      ],
      [
        '          kept.splice(j, 0, { tokens: [...c.tokens, y], logProb });',
        '          kept.splice(j, 0, { tokens: [...c.tokens, y], logProb, last: lp });',
      ],
      [
        '    const kept: { tokens: number[]; logProb: number }[] = [];',
        '    const kept: { tokens: number[]; logProb: number; last: number }[] = [];',
      ],
    ],
  },
  {
    name: 'one-step-short',
    why: 'counts the empty start as a step, so candidates grow to maxLen − 1 tokens and none that runs long is ever complete',
    replace: [
      [
        'for (let t = 0; t < maxLen && live.length > 0; t++) {',
        'for (let t = 1; t < maxLen && live.length > 0; t++) {',
      ],
    ],
  },
  {
    name: 'final-beam-only',
    why: 'chooses among the candidates completed at the last step only, forgetting those that ended with <eos> earlier',
    replace: [
      [
        '    live = [];\n    for (const c of kept) {',
        '    live = [];\n    complete.length = 0;\n    for (const c of kept) {',
      ],
    ],
  },
  {
    name: 'no-length-penalty',
    why: 'chooses the final candidate by Σ log P alone, forgetting the length penalty 1/L^α',
    replace: [
      [
        '        complete.push({ ...c, score: c.logProb / c.tokens.length ** alpha });',
        '        complete.push({ ...c, score: c.logProb });',
      ],
    ],
  },
  {
    name: 'length-without-eos',
    why: 'counts L without the <eos>',
    replace: [
      [
        '        complete.push({ ...c, score: c.logProb / c.tokens.length ** alpha });',
        '        complete.push({ ...c, score: c.logProb / Math.max(1, c.tokens.length - (c.tokens[c.tokens.length - 1] === eos ? 1 : 0)) ** alpha });',
      ],
    ],
  },
  {
    name: 'finished-stay-in-beam',
    why: 'keeps extending candidates after their <eos>',
    replace: [
      [
        '      if (c.tokens[c.tokens.length - 1] === eos || c.tokens.length === maxLen)\n        complete.push',
        '      if (c.tokens.length === maxLen)\n        complete.push',
      ],
    ],
  },
  {
    name: 'beam-per-candidate',
    why: 'keeps the beamSize best extensions of every candidate (k² per step) instead of the beamSize best of all',
    replace: [
      [
        '    const kept: { tokens: number[]; logProb: number }[] = [];\n    live.forEach((c, i) => {',
        '    const all: { tokens: number[]; logProb: number }[] = [];\n    live.forEach((c, i) => {\n      const kept: { tokens: number[]; logProb: number }[] = [];',
      ],
      [
        '          if (kept.length > beamSize) kept.pop();\n        }\n      });\n    });',
        '          if (kept.length > beamSize) kept.pop();\n        }\n      });\n      all.push(...kept);\n    });\n    const kept = all;',
      ],
    ],
  },
  {
    name: 'accumulates-in-model-rows',
    why: "adds each candidate's Σ log P into the model's row in place and reads the extension's from there: right answers, but the model's arrays are changed",
    replace: [
      [
        '        const logProb = c.logProb + lp;\n        let j = kept.length;',
        '        logProbs[i][y] = c.logProb + lp;\n        const logProb = logProbs[i][y];\n        let j = kept.length;',
      ],
    ],
  },
  {
    name: 'exhaustive-without-early-eos',
    why: 'counts only sequences of exactly maxLen tokens in exhaustive search, not those that end with <eos> before',
    replace: [
      [
        '        if (y === eos || tokens.length === maxLen) {\n          const candidate',
        '        if (tokens.length === maxLen) {\n          const candidate',
      ],
    ],
  },
  {
    name: 'exhaustive-by-probability',
    why: 'picks the most probable sequence in exhaustive search, not the best score',
    replace: [
      [
        '    if (!best || c.score > best.score) return true;\n    if (c.score < best.score) return false;',
        '    if (!best || c.logProb > best.logProb) return true;\n    if (c.logProb < best.logProb) return false;',
      ],
    ],
  },
  {
    name: 'no-settings-check',
    why: 'does not check the settings: beamSize 0 keeps nothing and returns undefined',
    replace: [
      [
        '  if (!Number.isInteger(beamSize) || beamSize < 1)\n    throw new HyperparameterError(`beamSize must be a whole number >= 1, got ${beamSize}`);\n',
        '',
      ],
    ],
  },
] satisfies Mutant[];
