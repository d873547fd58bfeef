import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

const root = import.meta.dirname;

export default defineConfig({
  resolve: {
    // The course's tfjs runtime, as in every bundle (reference/tf.ts, built by global-setup).
    alias: [{ find: /^@tensorflow\/tfjs$/, replacement: join(root, '.d2l', 'build', 'tf.cjs') }],
  },
  test: {
    include: ['graders/**/*.test.ts', 'reference/**/*.test.ts', 'selftest/**/*.test.ts'],
    globalSetup: ['selftest/global-setup.ts'],
    setupFiles: ['selftest/setup-backend.ts'],
    server: { deps: { external: [/\.d2l\/build\//] } },
    pool: 'forks',
    // The self-test reads the CLI's output as text; picocolors colours it whenever CI is set.
    env: { NO_COLOR: '1' },
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
