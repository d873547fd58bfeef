/**
 * Entry point of the subject process: the only code that touches a student's module.
 * It calls the functions the checks ask for and sends back plain data. It decides nothing:
 * whatever happens here (including student code patching this file's functions) can only
 * change the data sent back, and every verdict is made by the parent from that data.
 */
import { Socket } from 'node:net';
import { format } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { parseBackend, useBackend } from '../../reference/backend';
import { argumentDamage } from './argument-damage';
import { readFrames, writeFrame } from './channel';
import type { Request } from './protocol';
import { isWireTensor, type Wire } from './wire';

const MAX_ITEMS = 100_000;
const MAX_DEPTH = 32;
const MAX_DAMAGE_LINES = 20;

class EncodeError extends Error {
  override name = 'EncodeError';
}

/** The channel to the checks (channel.ts): fd 3, a socket pair the parent made. */
const channel = new Socket({ fd: 3, readable: true, writable: true });
/** Requests come from the trusted parent; the cap only bounds a runaway input. */
const MAX_REQUEST_BYTES = 1 << 30;

const send = (msg: unknown): void => {
  writeFrame(channel, msg);
};

function errorInfo(e: unknown) {
  if (e instanceof Error) return { name: e.name, message: e.message, stack: e.stack };
  return { name: 'Thrown', message: `threw a non-Error value: ${format(e)}` };
}

// console output of student code goes through the channel so it stays in order with results.
for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
  console[level] = (...args: unknown[]) => send({ type: 'log', text: format(...args) });
}

function decode(w: Wire, made: tf.Tensor[]): unknown {
  if (Array.isArray(w)) return w.map((x) => decode(x, made));
  if (w !== null && typeof w === 'object') {
    if (isWireTensor(w)) {
      const { shape, dtype, values } = w.$tensor;
      // A copy: the backend may keep the array it is given, and the sent values must stay as they
      // were, to tell afterwards whether the student's code changed the tensor.
      const t = tf.tensor(values.slice(), shape, dtype);
      made.push(t);
      return t;
    }
    if ('$map' in w && Array.isArray(w.$map))
      return new Map((w.$map as [Wire, Wire][]).map(([k, x]) => [decode(k, made), decode(x, made)]));
    if ('$set' in w && Array.isArray(w.$set)) return new Set((w.$set as Wire[]).map((x) => decode(x, made)));
    return Object.fromEntries(Object.entries(w).map(([k, x]) => [k, decode(x as Wire, made)]));
  }
  return w;
}

function isIterator(v: object): v is Iterable<unknown> & Iterator<unknown> {
  return typeof (v as Iterator<unknown>).next === 'function' && Symbol.iterator in v;
}

/** Reads a returned value into plain data; tensors met on the way are collected for disposal. */
function encode(v: unknown, seen: Set<tf.Tensor>, depth = 0): Wire {
  if (depth > MAX_DEPTH) throw new EncodeError(`the returned value is nested more than ${MAX_DEPTH} levels deep`);
  if (v instanceof tf.Tensor) {
    if (v.isDisposed) throw new EncodeError('returned a tensor that was already disposed');
    seen.add(v);
    const values = v.dataSync();
    const copy =
      v.dtype === 'int32'
        ? Int32Array.from(values)
        : v.dtype === 'bool'
          ? Uint8Array.from(values)
          : Float32Array.from(values);
    const dtype = v.dtype === 'int32' || v.dtype === 'bool' ? v.dtype : 'float32';
    return { $tensor: { shape: [...v.shape], dtype, values: copy } };
  }
  if (typeof v === 'function')
    throw new EncodeError(`returned a function (${v.name || 'anonymous'}) where data was expected`);
  if (typeof v === 'bigint' || typeof v === 'symbol') throw new EncodeError(`returned a ${typeof v}`);
  if (v === null || typeof v !== 'object') return v as Wire;
  if (v instanceof Promise) throw new EncodeError('returned a Promise inside a value (await it before returning)');
  if (v instanceof Map)
    return {
      $map: [...v].slice(0, MAX_ITEMS).map(([k, x]) => [encode(k, seen, depth + 1), encode(x, seen, depth + 1)]),
    };
  if (v instanceof Set) return { $set: [...v].slice(0, MAX_ITEMS).map((x) => encode(x, seen, depth + 1)) };
  if (ArrayBuffer.isView(v)) return Array.from(v as unknown as ArrayLike<number>);
  if (Array.isArray(v)) {
    if (v.length > MAX_ITEMS) throw new EncodeError(`returned an array of ${v.length} items (limit ${MAX_ITEMS})`);
    return v.map((x) => encode(x, seen, depth + 1));
  }
  if (isIterator(v)) {
    const items: Wire[] = [];
    for (const x of v) {
      if (items.length >= MAX_ITEMS)
        throw new EncodeError(`the returned iterator yielded more than ${MAX_ITEMS} items`);
      items.push(encode(x, seen, depth + 1));
    }
    return items;
  }
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, encode(x, seen, depth + 1)]));
}

const modules = new Map<string, Record<string, unknown>>();

async function call(req: Extract<Request, { type: 'call' }>): Promise<void> {
  const mod = modules.get(req.path);
  const fn = mod?.[req.fn];
  if (typeof fn !== 'function') {
    send({
      type: 'error',
      id: req.id,
      error: { name: 'MissingExport', message: `the module does not export a function named ${req.fn}` },
    });
    return;
  }
  const before = tf.memory().numTensors;
  const made: tf.Tensor[] = [];
  const seen = new Set<tf.Tensor>();
  const start = performance.now();
  try {
    const args = decode(req.args, made) as unknown[];
    let value: Wire;
    let grads: Wire[] | undefined;
    if (req.grad) {
      const { wrt, dy } = req.grad;
      const xs = wrt.map((i) => args[i]);
      if (!xs.every((x) => x instanceof tf.Tensor))
        throw new EncodeError('gradient requested with respect to a non-tensor argument');
      const dyT = decode(dy, made) as tf.Tensor;
      const f = (...ts: tf.Tensor[]): tf.Tensor => {
        const a = [...args];
        wrt.forEach((i, k) => (a[i] = ts[k]));
        const y = (fn as (...a: unknown[]) => unknown)(...a);
        if (!(y instanceof tf.Tensor))
          throw new EncodeError(`${req.fn} must return a tensor to be differentiated, got ${describe(y)}`);
        return y;
      };
      const out = tf.valueAndGrads(f)(xs as tf.Tensor[], dyT);
      value = encode(out.value, seen);
      grads = out.grads.map((g) => encode(g, seen));
    } else {
      value = encode(await (fn as (...a: unknown[]) => unknown)(...args), seen);
    }
    const ms = performance.now() - start;
    const damage = argumentDamage(args, req.args, seen).slice(0, MAX_DAMAGE_LINES);
    tf.dispose([...made, ...seen]);
    send({ type: 'result', id: req.id, value, grads, leaked: tf.memory().numTensors - before, damage, ms });
  } catch (e) {
    tf.dispose([...made, ...seen]);
    send({ type: 'error', id: req.id, error: errorInfo(e) });
  }
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? `an object (${v.constructor?.name ?? 'Object'})` : `a ${typeof v}`;
}

async function handle(req: Request): Promise<void> {
  if (req.type === 'load') {
    try {
      // The parent built this bundle; loading it runs the student's top-level code.
      const mod = require(req.path) as Record<string, unknown>;
      modules.set(req.path, mod);
      send({ type: 'loaded', id: req.id, exports: Object.keys(mod) });
    } catch (e) {
      send({ type: 'error', id: req.id, error: errorInfo(e) });
    }
    return;
  }
  await call(req);
}

async function main(): Promise<void> {
  const backend = await useBackend(parseBackend(process.env.D2L_BACKEND));
  // One request at a time, in order: the parent waits for each reply before the next.
  let queue = Promise.resolve();
  readFrames(
    channel,
    MAX_REQUEST_BYTES,
    (req) => {
      queue = queue.then(() => handle(req as Request));
    },
    () => process.exit(1),
  );
  // The parent is gone: nobody will read our answers.
  channel.on('end', () => process.exit(0));
  channel.on('error', () => process.exit(0));
  send({ type: 'ready', backend: backend.name });
}

main().catch((e) => {
  send({ type: 'fatal', error: errorInfo(e) });
  process.exitCode = 1;
});
