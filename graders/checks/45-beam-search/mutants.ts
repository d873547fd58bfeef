import type { Mutant } from '../../authoring/mutants';

export default [
  {
    name: 'rank-by-score',
    why: 'keeps the extensions of the best length-normalised score instead of the highest log-probability',
    replace: [
      [
        '        while (j > 0 && kept[j - 1].logProb < logProb) j--;',
        '        const score = (x: { tokens: number[]; logProb: number }) => x.logProb / x.tokens.length ** alpha;\n        while (j > 0 && score(kept[j - 1]) < logProb / (c.tokens.length + 1) ** alpha) j--;',
      ],
    ],
  },
  {
    name: 'final-beam-only',
    why: 'chooses among the last step’s candidates only, forgetting those that ended earlier',
    replace: [
      [
        '        complete.push({ ...c, score: c.logProb / c.tokens.length ** alpha });',
        '        (t === maxLen - 1 || live.length === 0 ? complete : []).push({ ...c, score: c.logProb / c.tokens.length ** alpha });',
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
    name: 'sorts-model-rows',
    why: "sorts the model's log-probability rows in place to find the best tokens",
    replace: [
      [
        '    live.forEach((c, i) => {\n      logProbs[i].forEach((lp, y) => {',
        '    live.forEach((c, i) => {\n      logProbs[i].sort((a, b) => b - a);\n      logProbs[i].forEach((lp, y) => {',
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
