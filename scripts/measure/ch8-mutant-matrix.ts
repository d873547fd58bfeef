/**
 * Which checks reject each mutant (all checks run, leak checks included), for the chapter report:
 *   ./node_modules/.bin/tsx scripts/measure/ch8-mutant-matrix.ts 50-bahdanau [more ids]
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root, subjectBundleDir } from '../../bin/project.mjs';
import { writeMutants } from '../../graders/authoring/mutants';
import { loadExercise, loadMutants } from '../../graders/registry';
import { Session } from '../../graders/run/session';
import { useBackend } from '../../reference/backend';
await useBackend();
const session = new Session({ subjectProcess: {}, bundleDir: subjectBundleDir, seed: 42, show: (p: string) => p });
for (const id of process.argv.slice(2)) {
  const ex = await loadExercise(id);
  const names = ex.checks.map((c) => c.name);
  console.log(`## ${id}`);
  names.forEach((n, i) => console.log(`  C${i + 1} [${ex.checks[i]!.kind}] ${n}`));
  const dir = mkdtempSync(join(tmpdir(), `mk-${id}-`));
  for (const m of await loadMutants(id)) {
    const file = writeMutants(join(root, 'solutions', id, ex.file), ex.file, [m], dir).get(m.name)!;
    const r = await session.run(ex, file);
    const failed = r.checks.map((c, i) => (c.passed ? '' : `C${i + 1}`)).filter(Boolean);
    console.log(`  ${m.name}: ${failed.join(' ')}`);
  }
}
session.close();
