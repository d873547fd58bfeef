import { randomInt } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { SingleBar } from 'cli-progress';
import pc from 'picocolors';
import { gradeClass } from '../grade/class';
import { mergeRuns } from '../grade/merge';
import { writeOutputs } from '../grade/outputs/write';
import { points } from '../grade/outputs/gradescope';
import { regradeDiff, renderRegrade } from '../grade/regrade';
import { classResultSchema, type ClassResult } from '../grade/result';
import { DEFAULT_RUBRIC, loadRubric } from '../grade/rubric';
import { listSubmissions } from '../grade/submissions';
import { allExerciseIds } from '../curriculum';
import { availableIds, loadExercises } from '../registry';
import { parseBackend, sandboxBackend, useBackend } from '../../reference/backend';
import { confinement } from '../run/confinement';
import { out } from './report';
import { resolveTargets } from './targets';

export interface GradeOptions {
  out: string;
  exercises?: string[];
  rubric?: string;
  seed?: number;
  runsScale: number;
  workers?: number;
  timeLimit: number;
  callTimeout: number;
  memory: number;
  typecheckTimeout: number;
  shard?: string;
  /** A previous grading.json: grade again with its seed, exercises and runs scale, and report what moved. */
  regrade?: string;
}

const show = (p: string) => relative(process.cwd(), p) || '.';

function fail(message: string): number {
  process.stderr.write(`${message}\n`);
  return 2;
}

function parseShard(text: string): { index: number; count: number } | undefined {
  const m = /^(\d+)\/(\d+)$/.exec(text);
  if (!m) return undefined;
  const [index, count] = [Number(m[1]), Number(m[2])];
  return index >= 1 && index <= count ? { index, count } : undefined;
}

/**
 * Why a folder is not a class of submissions, or undefined: it is empty (nothing would be graded,
 * yet it would exit 0), or it is one student's work (it holds exercise folders, or exercises/ or
 * solutions/ of a clone), whose exercise folders would each be graded as a student.
 */
function classFolderProblem(dir: string, shown: string): string | undefined {
  const { submissions } = listSubmissions(dir);
  if (submissions.length === 0)
    return `${shown}: no submissions in it (expected one folder or .zip/.tar.gz archive per student)`;
  const entries = readdirSync(dir);
  const own = entries.filter((e) => allExerciseIds.includes(e) || e === 'exercises' || e === 'solutions');
  if (own.length > 0) {
    return `${shown}: this looks like one student's work (it holds ${own.slice(0, 3).join(', ')}); pass the folder that holds one entry per student`;
  }
  return undefined;
}

/** `npm run grade -- <submissions>`: grades a class; returns the exit code (2: bad arguments). */
export async function gradeCommand(folder: string, o: GradeOptions): Promise<number> {
  const submissions = resolve(folder);
  if (!existsSync(submissions) || !statSync(submissions).isDirectory())
    return fail(`${folder}: not a folder of submissions`);
  const notAClass = classFolderProblem(submissions, folder);
  if (notAClass) return fail(notAClass);
  const rubricFile = resolve(o.rubric ?? DEFAULT_RUBRIC);
  try {
    loadRubric(rubricFile, await loadExercises());
  } catch (e) {
    return fail((e as Error).message);
  }
  let previous: ClassResult | undefined;
  if (o.regrade) {
    try {
      previous = classResultSchema.parse(JSON.parse(readFileSync(o.regrade, 'utf8')));
    } catch (e) {
      return fail(`--regrade ${o.regrade}: not a grading.json of this grader (${(e as Error).message.split('\n')[0]})`);
    }
    if (o.seed !== undefined && o.seed !== previous.seed) {
      return fail(`--regrade grades again with the previous seed ${previous.seed}: leave out --seed ${o.seed}`);
    }
  }
  let ids: string[] | undefined = previous?.exercises;
  if (o.exercises) {
    const t = resolveTargets(o.exercises, new Set(availableIds));
    if (!t.ok) return fail(t.error);
    ids = t.ids;
  }
  const shard = o.shard === undefined ? undefined : parseShard(o.shard);
  if (o.shard !== undefined && !shard) return fail(`--shard ${o.shard}: expected i/n with 1 <= i <= n, e.g. 2/4`);
  if (shard && (o.seed === undefined || !ids)) {
    return fail(
      '--shard needs --seed and --exercises, so that every shard grades the same exercises on the same inputs',
    );
  }
  const seed = previous?.seed ?? o.seed ?? randomInt(2 ** 31);
  const workers = o.workers ?? cpus().length;
  const c = confinement(o.memory);
  const references = await useBackend();
  const students = sandboxBackend(parseBackend(process.env.D2L_BACKEND));
  out(
    pc.dim(
      `d2l-ts grade · ${show(submissions)} · seed ${seed} · ${workers} workers · ${o.timeLimit} s per submission · ${o.memory} MiB · references on ${references.label} · students' code on ${students}`,
    ),
  );
  if (references.name === 'tensorflow') {
    out(
      pc.dim(
        "(students' code never runs on TensorFlow: the sandbox refuses native addons, whose ops could read files)",
      ),
    );
  }
  out(pc.dim(`sandbox: ${c.active.join('; ')}`));
  if (c.missing.length) out(pc.yellow(`missing protections: ${c.missing.join('; ')}`));

  const bar = process.stderr.isTTY
    ? new SingleBar({ format: 'grading [{bar}] {value}/{total} · {student}', hideCursor: true }, undefined)
    : undefined;
  const run = await gradeClass({
    submissions,
    exercises: ids,
    rubricFile,
    seed,
    runsScale: previous?.runsScale ?? o.runsScale,
    workers,
    timeLimitS: o.timeLimit,
    callTimeoutS: o.callTimeout,
    memoryMb: o.memory,
    typecheckTimeoutS: o.typecheckTimeout,
    shard,
    onStart: (total) => bar?.start(total, 0, { student: '' }),
    onStudent: (done, r) =>
      bar
        ? bar.update(done, { student: r.student })
        : out(`graded ${r.student}: ${points(r.score)} / ${points(r.maxScore)}`),
  });
  bar?.stop();
  const code = await finish(run, resolve(o.out));
  if (previous) writeRegrade(previous, run, o.regrade!, resolve(o.out));
  return code;
}

/** Beside the usual outputs: regrade.md and regrade.json, what moved since the previous grading. */
function writeRegrade(previous: ClassResult, run: ClassResult, previousFile: string, outDir: string): void {
  const diff = regradeDiff(previous, run);
  writeFileSync(join(outDir, 'regrade.json'), `${JSON.stringify(diff, null, 1)}\n`);
  writeFileSync(join(outDir, 'regrade.md'), renderRegrade(diff, show(resolve(previousFile))));
  out(
    diff.moved.length === 0
      ? `re-grade: no student's score or check verdict changed since ${show(resolve(previousFile))}`
      : `re-grade: ${diff.moved.length} moved (${diff.moved.map((m) => `${m.student} ${points(m.before)} → ${points(m.after)}`).join(', ')}); regrade.md lists every check that changed`,
  );
}

/** `merge-grades <shard folders...> --out <folder>`: one gradebook from the shards' outputs. */
export async function mergeCommand(dirs: string[], outDir: string): Promise<number> {
  let run: ClassResult;
  try {
    run = mergeRuns(dirs.map((d) => resolve(d)));
  } catch (e) {
    return fail((e as Error).message);
  }
  return finish(run, resolve(outDir));
}

async function finish(run: ClassResult, outDir: string): Promise<number> {
  const written = await writeOutputs(run, outDir);
  out();
  const width = Math.max(8, ...run.students.map((s) => s.student.length));
  out(
    pc.bold(
      `${'student'.padEnd(width)}  ${run.exercises.map((id) => id.slice(0, 2).padStart(5)).join(' ')}  ${'total'.padStart(12)}  problems`,
    ),
  );
  for (const s of run.students) {
    const cells = run.exercises.map((id) =>
      points(s.exercises.find((e) => e.id === id)?.score ?? 0)
        .toFixed(1)
        .padStart(5),
    );
    out(
      `${s.student.padEnd(width)}  ${cells.join(' ')}  ${`${points(s.score)} / ${points(s.maxScore)}`.padStart(12)}  ${s.problems.length || ''}`,
    );
  }
  for (const p of run.problems) out(pc.yellow(p));
  out();
  out(
    `${run.students.length} submissions graded in ${(run.ms / 1000).toFixed(1)} s (seed ${run.seed}); wrote ${written.length} files to ${show(outDir)}: report.html, gradebook.csv, junit.xml, students/*/results.json, grading.json`,
  );
  return 0;
}
