import { ensureBuilt } from '../bin/build.mjs';

/** Builds the tfjs runtime and the subject harness once, before any test file loads them. */
export default async function setup(): Promise<void> {
  await ensureBuilt('harness', 'graders/run/harness.ts');
}
