import { relative } from 'node:path';
import { describeValue, expectTensor } from '../lib/compare';
import { CheckFailure, NotImplemented, SubjectStopped } from '../lib/failure';
import { newUsage, type Subject, type Usage } from '../lib/subject';
import type { TensorData } from '../lib/tensor-data';
import type { CallOutcome, SubjectProcess } from './subject-process';

/** Stack lines that point into the student's own file, shortened to a relative path. */
function studentFrames(stack: string | undefined, file: string): string[] {
  if (!stack) return [];
  return stack
    .split('\n')
    .filter((l) => l.includes(file))
    .slice(0, 4)
    .map((l) => l.trim().replace(file, relative(process.cwd(), file) || file));
}

/** The Subject the checks use, backed by a module loaded in a subject process. */
export class RemoteSubject implements Subject {
  constructor(
    private readonly proc: SubjectProcess,
    private readonly bundle: string,
    /** Absolute path of the student's file. */
    private readonly source: string,
    readonly file: string,
    private readonly timeoutMs: number,
    /** Calls per function, kept across the subject processes of one exercise run. */
    private readonly counts = new Map<string, Usage>(),
  ) {}

  get usage(): ReadonlyMap<string, Usage> {
    return this.counts;
  }

  private usageOf(fn: string): Usage {
    const u = this.counts.get(fn) ?? newUsage();
    this.counts.set(fn, u);
    return u;
  }

  private async invoke(
    fn: string,
    args: unknown[],
    grad?: { wrt: number[]; dy: TensorData },
  ): Promise<Extract<CallOutcome, { ok: true }>> {
    const u = this.usageOf(fn);
    u.calls++;
    const r = await this.proc.call(this.bundle, fn, args, grad, this.timeoutMs);
    if (r.ok) {
      u.ok++;
      // A negative count means the call disposed tensors it did not make: reported as damage.
      u.leaked += Math.max(0, r.leaked);
      for (const d of r.damage) u.damage.set(d, (u.damage.get(d) ?? 0) + 1);
      return r;
    }
    throw this.failure(fn, r);
  }

  private failure(fn: string, r: Extract<CallOutcome, { ok: false }>): CheckFailure {
    if (r.reason === 'timeout')
      return new SubjectStopped(
        `${fn} did not return within ${this.timeoutMs / 1000} s (an endless loop?), so its process was stopped`,
      );
    if (r.reason === 'crashed') return new SubjectStopped(`${fn} could not run: ${r.message}`);
    if (/^Not implemented/.test(r.message)) return new NotImplemented(`${fn} is not implemented yet (${this.file})`);
    return new CheckFailure(`${fn} threw ${r.name}: ${r.message}`, studentFrames(r.stack, this.source));
  }

  async call(fn: string, ...args: unknown[]): Promise<unknown> {
    return (await this.invoke(fn, args)).value;
  }

  async tensor(fn: string, ...args: unknown[]): Promise<TensorData> {
    return expectTensor(await this.call(fn, ...args), `the result of ${fn}`);
  }

  async vjp(
    fn: string,
    args: unknown[],
    wrt: number[],
    dy: TensorData,
  ): Promise<{ value: TensorData; grads: TensorData[] }> {
    const r = await this.invoke(fn, args, { wrt, dy });
    const grads = r.grads ?? [];
    return {
      value: expectTensor(r.value, `the result of ${fn}`),
      grads: wrt.map((w, k) => expectTensor(grads[k], `the gradient of ${fn} with respect to argument ${w + 1}`)),
    };
  }

  async rejects(fn: string, args: unknown[], pattern: RegExp, why: string, name: string): Promise<void> {
    this.usageOf(fn).calls++;
    const r = await this.proc.call(this.bundle, fn, args, undefined, this.timeoutMs);
    if (r.ok) throw new CheckFailure(`${fn} should throw an error ${why}, but it returned ${describeValue(r.value)}`);
    if (r.reason !== 'threw') throw this.failure(fn, r);
    if (/^Not implemented/.test(r.message)) throw this.failure(fn, r);
    // The class first: a plain Error with the right words is still not the error the task promises.
    if (r.name !== name) {
      throw new CheckFailure(
        `${fn} threw ${r.name}: ${r.message} ${why}, but it should throw a ${name} (the course's typed error: import { ${name} } from 'd2l-ts/reference/errors')`,
      );
    }
    if (!pattern.test(r.message)) {
      throw new CheckFailure(
        `${fn} threw, as it should ${why}, but its message "${r.message}" does not say what is wrong (expected it to match ${pattern})`,
      );
    }
  }
}
