import { typecheck, TypecheckLimitError, type TypecheckLimits } from '../run/typecheck';

export interface ClassTypes {
  /** The compiler's errors per file. */
  errors: Map<string, string[]>;
  /** Students whose own files took the compiler past its limits, with why. */
  overLimit: Map<string, string>;
}

/**
 * The type errors of a class's files. One compiler run for the whole class (it reads tfjs's types
 * once, not once per student); if that run goes past its limits, one run per student, each under
 * the same limits, `concurrency` at a time: a student whose files alone go past them is named in
 * `overLimit` and the others keep their errors. A compiler that cannot run at all is reported on
 * every file, never as a crash of the grading.
 */
export async function typecheckClass(
  byStudent: ReadonlyMap<string, readonly string[]>,
  limits: TypecheckLimits,
  concurrency: number,
): Promise<ClassTypes> {
  const all = [...byStudent.values()].flat();
  const overLimit = new Map<string, string>();
  const unavailable = (e: Error) => new Map(all.map((f) => [f, [`the type check could not run: ${e.message}`]]));
  try {
    return { errors: await typecheck(all, limits), overLimit };
  } catch (e) {
    if (!(e instanceof TypecheckLimitError)) return { errors: unavailable(e as Error), overLimit };
  }
  const errors = new Map<string, string[]>();
  const queue = [...byStudent];
  const lane = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const [student, files] = next;
      try {
        for (const [f, errs] of await typecheck([...files], limits)) errors.set(f, errs);
      } catch (e) {
        if (e instanceof TypecheckLimitError) overLimit.set(student, e.message);
        else for (const f of files) errors.set(f, [`the type check could not run: ${(e as Error).message}`]);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, lane));
  return { errors, overLimit };
}
