import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { classResultSchema, type ClassResult } from './result';

/**
 * Combines the grading.json of several shards (`grade --shard i/n`) into one run. The shards must
 * have graded the same exercises with the same seed, rubric and runs, and no student twice.
 */
export function mergeRuns(dirs: string[]): ClassResult {
  const runs = dirs.map((dir) => {
    const file = join(dir, 'grading.json');
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      throw new Error(`${file}: ${(e as Error).message}`);
    }
    const parsed = classResultSchema.safeParse(raw);
    if (!parsed.success)
      throw new Error(`${file}: ${parsed.error.issues[0]!.path.join('.')}: ${parsed.error.issues[0]!.message}`);
    return { file, run: parsed.data };
  });
  if (runs.length === 0) throw new Error('nothing to merge: name the output folders of the shards');
  const first = runs[0]!;
  for (const { file, run } of runs.slice(1)) {
    for (const key of ['seed', 'runsScale', 'rubric'] as const) {
      if (run[key] !== first.run[key])
        throw new Error(
          `${file}: ${key} ${run[key]} differs from ${first.file}'s ${first.run[key]}: the shards were not graded alike`,
        );
    }
    if (run.exercises.join() !== first.run.exercises.join())
      throw new Error(`${file}: its exercises differ from ${first.file}'s`);
  }
  checkShards(runs);
  const seen = new Map<string, string>();
  for (const { file, run } of runs) {
    for (const s of run.students) {
      if (seen.has(s.student)) throw new Error(`${s.student} is graded in both ${seen.get(s.student)} and ${file}`);
      seen.set(s.student, file);
    }
  }
  return {
    ...first.run,
    shard: undefined,
    startedAt: runs.map((r) => r.run.startedAt).sort()[0]!,
    ms: Math.max(...runs.map((r) => r.run.ms)),
    problems: [...new Set(runs.flatMap((r) => r.run.problems))],
    students: runs.flatMap((r) => r.run.students).sort((a, b) => a.student.localeCompare(b.student)),
  };
}

/**
 * The shards must be exactly 1/n, 2/n, ..., n/n of one grading: merging only some of them would
 * silently leave students out of the gradebook.
 */
function checkShards(runs: { file: string; run: ClassResult }[]): void {
  const unsharded = runs.find((r) => !r.run.shard);
  if (unsharded && runs.length > 1) throw new Error(`${unsharded.file}: not a shard (graded without --shard)`);
  if (unsharded) return;
  const count = runs[0]!.run.shard!.count;
  const other = runs.find((r) => r.run.shard!.count !== count);
  if (other)
    throw new Error(
      `${other.file}: shard ${other.run.shard!.index}/${other.run.shard!.count}, but ${runs[0]!.file} is of ${count}`,
    );
  const byIndex = new Map<number, string>();
  for (const { file, run } of runs) {
    const twice = byIndex.get(run.shard!.index);
    if (twice) throw new Error(`${file} and ${twice} are both shard ${run.shard!.index}/${count}`);
    byIndex.set(run.shard!.index, file);
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !byIndex.has(i));
  if (missing.length)
    throw new Error(
      `shard${missing.length === 1 ? '' : 's'} ${missing.map((i) => `${i}/${count}`).join(', ')} missing: merge all ${count} shards of the grading`,
    );
}
