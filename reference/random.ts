import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

/**
 * A seeded random number generator, the course's counterpart of Python's `random` module.
 * Every exercise may import it: `import { makeRng } from 'd2l-ts/reference/random'`.
 * tfjs's own `tf.util.shuffle` cannot be seeded, so shuffle with this instead.
 */
export interface Rng {
  /** Uniform in [0, 1). */
  uniform(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Standard normal (Box-Muller). */
  normal(): number;
  /** Shuffles `items` in place (Fisher-Yates) and returns it. */
  shuffle<T>(items: T[]): T[];
}

/** Spreads nearby seeds apart (murmur3 finaliser): xoroshiro's first outputs for 1, 2, 3... are alike. */
function mix(seed: number): number {
  let h = seed | 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

export function makeRng(seed: number): Rng {
  const g = xoroshiro128plus(mix(seed));
  const rng: Rng = {
    uniform: () => uniformFloat64(g),
    int: (n) => uniformInt(g, 0, n - 1),
    normal: () => {
      const u = 1 - rng.uniform();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.uniform());
    },
    shuffle: (items) => {
      for (let i = items.length - 1; i > 0; i--) {
        const j = rng.int(i + 1);
        [items[i], items[j]] = [items[j]!, items[i]!];
      }
      return items;
    },
  };
  return rng;
}
