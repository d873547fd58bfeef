import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import { ensureBuilt } from '../../bin/build.mjs';
import { root, tfRuntime } from '../../bin/project.mjs';
import type { BackendName } from '../../reference/backend';
import { readFrames, writeFrame } from './channel';
import { confinement } from './confinement';
import type { Reply, Request } from './protocol';
import { fromWire, toWire } from './wire';

/** How the subject process is confined. Student runs use none of it; grading uses all of it. */
export interface ProcessOptions {
  backend?: BackendName;
  /**
   * Grading: Node's permission model (reads only node_modules, the course runtime, the harness and
   * `allowRead`) inside the OS confinement of confinement.ts, with `memoryMb` of address space.
   */
  sandbox?: { allowRead: string[]; memoryMb: number };
  /**
   * true (default): the process leads its own group, killed as a whole. false: it stays in the
   * caller's group, so whoever kills the caller's group (the grader's time limit) kills it too.
   */
  ownGroup?: boolean;
  /** A call that runs longer kills the process. */
  callTimeoutMs?: number;
  /** Most bytes of the student's output kept (the rest is counted and dropped). */
  outputLimitBytes?: number;
  /** Live output of the student's code (console.log and raw stdout/stderr). */
  onOutput?: (text: string) => void;
}

export type CallOutcome =
  | { ok: true; value: unknown; grads?: unknown[]; leaked: number; damage: string[]; ms: number }
  | { ok: false; reason: 'threw' | 'timeout' | 'crashed'; name: string; message: string; stack?: string };

interface Pending {
  resolve: (r: Reply | { type: 'dead' }) => void;
}

const STARTUP_TIMEOUT_MS = 60_000;
/** A reply larger than this is a protocol error: no check needs more (a training run's parameters are a few MiB). */
const MAX_REPLY_BYTES = 64 << 20;

/**
 * The parent's handle on one subject process. It sends requests, validates every reply, enforces
 * the time limit, and turns anything unexpected (exit, signal, malformed message) into a "dead"
 * subject whose later calls fail at once with the reason.
 */
export class SubjectProcess {
  private nextId = 1;
  private pending = new Map<number, Pending>();
  private deadReason: string | undefined;
  private output = '';
  private droppedOutput = 0;
  static async start(options: ProcessOptions = {}): Promise<SubjectProcess> {
    const harness = await ensureBuilt('harness', 'graders/run/harness.ts');
    const argv = [process.execPath, '--enable-source-maps', '--disable-warning=ExperimentalWarning'];
    const { sandbox } = options;
    if (sandbox) {
      // wasm reserves 10 GB of address space for its guard pages unless bounds are checked in code.
      argv.push(
        '--disable-wasm-trap-handler',
        `--max-old-space-size=${Math.floor(sandbox.memoryMb / 2)}`,
        '--experimental-permission',
      );
      for (const p of [join(root, 'node_modules'), harness, tfRuntime, ...sandbox.allowRead])
        argv.push(`--allow-fs-read=${p}`);
      argv.unshift(...confinement(sandbox.memoryMb).prefix);
    }
    argv.push(harness);
    const child = spawn(argv[0]!, argv.slice(1), {
      cwd: sandbox ? '/' : root,
      // fd 3: the framed channel (channel.ts), a plain socket pair rather than Node's IPC channel.
      stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
      detached: options.ownGroup ?? true,
      // A minimal environment: the student's process sees nothing of the grader's (no PATH, no secrets).
      env: { D2L_BACKEND: options.backend ?? process.env.D2L_BACKEND ?? '' },
    });
    // The schemas (zod) load while the child starts: start-up time matters for a student's run.
    const { replySchema } = await import('./protocol');
    const host = new SubjectProcess(child, options, replySchema);
    await host.started;
    return host;
  }

  /** Settles when the subject process says it is ready, or fails to start. */
  private readonly started: Promise<void>;
  private backendName = '';

  get backend(): string {
    return this.backendName;
  }

  private constructor(
    private readonly child: ChildProcess,
    private readonly options: ProcessOptions,
    private readonly schema: typeof import('./protocol').replySchema,
  ) {
    let ready: () => void;
    let failed: (e: Error) => void;
    this.started = new Promise<void>((res, rej) => {
      ready = res;
      failed = rej;
    });
    const timer = setTimeout(() => this.die(`no answer within ${STARTUP_TIMEOUT_MS / 1000} s`), STARTUP_TIMEOUT_MS);
    this.onDeath = (reason) => {
      clearTimeout(timer);
      failed(new Error(`the process for student code did not start: ${reason}\n${this.output.trim().slice(-2000)}`));
    };
    this.onReady = () => {
      clearTimeout(timer);
      ready();
    };
    child.stdout!.on('data', (d: Buffer) => this.keep(d.toString()));
    child.stderr!.on('data', (d: Buffer) => this.keep(d.toString()));
    child.once('error', (e) => this.die(e.message));
    child.on('exit', (code, signal) => this.die(signal ? `it was killed by ${signal}` : `it exited with code ${code}`));
    this.channel = child.stdio[3] as Duplex;
    this.channel.on('error', (e) => this.die(`its channel failed (${e.message})`));
    readFrames(
      this.channel,
      MAX_REPLY_BYTES,
      (raw) => this.receive(raw),
      (why) => this.die(why),
    );
  }

  /** The framed channel to the subject process (channel.ts). */
  private readonly channel: Duplex;
  private onReady: (() => void) | undefined;

  /** Keeps what the student's code printed, up to the output limit; the rest is counted and dropped. */
  private keep(text: string): void {
    if (this.backendName) this.options.onOutput?.(text);
    const room = (this.options.outputLimitBytes ?? 64 * 1024) - this.output.length;
    if (room > 0) this.output += text.slice(0, room);
    this.droppedOutput += Math.max(0, text.length - Math.max(room, 0));
  }

  /** One message from the subject process, validated before anything is done with it. */
  private receive(raw: unknown): void {
    const msg = this.schema.safeParse(raw);
    if (!msg.success) {
      this.die('it sent a malformed message');
      return;
    }
    const reply = msg.data;
    if (reply.type === 'log') this.keep(`${reply.text}\n`);
    else if (reply.type === 'fatal') this.die(`${reply.error.name}: ${reply.error.message}`);
    else if (reply.type === 'ready') {
      if (this.backendName) {
        this.die('it said it was ready twice');
        return;
      }
      this.backendName = reply.backend;
      this.onDeath = undefined;
      this.output = '';
      this.onReady?.();
    } else {
      const p = this.pending.get(reply.id);
      if (!p) {
        this.die('it answered a request that was not asked');
        return;
      }
      this.pending.delete(reply.id);
      p.resolve(reply);
    }
  }

  private onDeath: ((reason: string) => void) | undefined;

  /** Why the subject process is gone, or undefined while it runs. */
  get dead(): string | undefined {
    return this.deadReason;
  }

  /** It was stopped because a call ran past its time limit. */
  get timedOut(): boolean {
    return this.timeoutHit;
  }
  private timeoutHit = false;

  /** Output the student's code printed so far (capped), and how many characters were dropped. */
  takeOutput(): { text: string; dropped: number } {
    const r = { text: this.output, dropped: this.droppedOutput };
    this.output = '';
    this.droppedOutput = 0;
    return r;
  }

  private die(reason: string): void {
    if (this.deadReason) return;
    this.deadReason = reason;
    kill(this.child, this.options.ownGroup ?? true);
    this.channel?.destroy();
    this.onDeath?.(reason);
    for (const p of this.pending.values()) p.resolve({ type: 'dead' });
    this.pending.clear();
  }

  private request(
    req: Omit<Request, 'id'>,
    timeoutMs: number,
  ): Promise<Reply | { type: 'dead' } | { type: 'timeout' }> {
    if (this.deadReason) return Promise.resolve({ type: 'dead' });
    const id = this.nextId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        // Answer this call as timed out before die() answers every pending call as dead.
        this.pending.delete(id);
        resolve({ type: 'timeout' });
        this.timeoutHit = true;
        this.die(`a call ran longer than ${timeoutMs / 1000} s`);
      }, timeoutMs);
      this.pending.set(id, {
        resolve: (r) => {
          clearTimeout(timer);
          resolve(r);
        },
      });
      writeFrame(this.channel, { ...req, id });
    });
  }

  /** Loads a bundle built by bundleExercise; returns its export names or the error its top level threw. */
  async load(path: string): Promise<{ ok: true; exports: string[] } | { ok: false; message: string; stack?: string }> {
    const r = await this.request({ type: 'load', path }, this.options.callTimeoutMs ?? 20_000);
    if (r.type === 'loaded') return { ok: true, exports: r.exports };
    if (r.type === 'error') return { ok: false, message: `${r.error.name}: ${r.error.message}`, stack: r.error.stack };
    return { ok: false, message: `the process running it stopped: ${this.deadReason}` };
  }

  async call(
    path: string,
    fn: string,
    args: unknown[],
    grad?: { wrt: number[]; dy: unknown },
    timeoutMs?: number,
  ): Promise<CallOutcome> {
    const req = {
      type: 'call' as const,
      path,
      fn,
      args: args.map((a) => toWire(a)),
      grad: grad && { wrt: grad.wrt, dy: toWire(grad.dy) },
    };
    const r = await this.request(req, timeoutMs ?? this.options.callTimeoutMs ?? 20_000);
    switch (r.type) {
      case 'result':
        return {
          ok: true,
          value: fromWire(r.value),
          grads: r.grads?.map(fromWire),
          leaked: r.leaked,
          damage: r.damage,
          ms: r.ms,
        };
      case 'error':
        return { ok: false, reason: 'threw', name: r.error.name, message: r.error.message, stack: r.error.stack };
      case 'timeout':
        return { ok: false, reason: 'timeout', name: 'Timeout', message: this.deadReason ?? 'timed out' };
      default:
        return {
          ok: false,
          reason: 'crashed',
          name: 'Crashed',
          message: `the process running your code stopped: ${this.deadReason}`,
        };
    }
  }

  close(): void {
    this.die('closed');
  }
}

/** Kills the subject, with its whole process group when it leads one. */
function kill(child: ChildProcess, group: boolean): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(group ? -child.pid : child.pid, 'SIGKILL');
  } catch {
    child.kill('SIGKILL');
  }
}
