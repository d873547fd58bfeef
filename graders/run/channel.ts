/**
 * The channel between the checks and the subject process: length-prefixed frames of
 * v8-serialized messages over a plain socket pair (the child's fd 3). Node's IPC channel is not
 * used, because it carries socket handles and Node's internal messages (NODE_HANDLE_ACK), which a
 * student's code can send to crash or exhaust its parent (docs/facts.md). Here a frame's size is
 * capped before anything is allocated for it, and anything that does not parse costs only the
 * sender: the reader stops and reports why.
 */
import type { Readable, Writable } from 'node:stream';
import { deserialize, serialize } from 'node:v8';

const HEADER = 4;

/** Writes one message as a frame: its length (4 bytes, big-endian), then its bytes. */
export function writeFrame(stream: Writable, message: unknown): boolean {
  const body = serialize(message);
  const header = Buffer.alloc(HEADER);
  header.writeUInt32BE(body.length);
  return stream.write(Buffer.concat([header, body]));
}

/**
 * Reads frames from `stream`, calling `onMessage` with each message. A frame announcing more than
 * `maxBytes`, or bytes that are not a serialized message, end the reading: `onError` is called once
 * with why, and nothing more is read.
 */
export function readFrames(
  stream: Readable,
  maxBytes: number,
  onMessage: (message: unknown) => void,
  onError: (why: string) => void,
): void {
  let pending: Buffer[] = [];
  let buffered = 0;
  let need = -1;
  let stopped = false;
  const stop = (why: string) => {
    stopped = true;
    pending = [];
    stream.removeListener('data', onData);
    onError(why);
  };
  /** The first n buffered bytes, taken off the buffer (n <= buffered). */
  const take = (n: number): Buffer => {
    const all = pending.length === 1 ? pending[0]! : Buffer.concat(pending, buffered);
    pending = all.length > n ? [all.subarray(n)] : [];
    buffered -= n;
    return all.subarray(0, n);
  };
  const onData = (chunk: Buffer) => {
    if (stopped) return;
    pending.push(chunk);
    buffered += chunk.length;
    while (!stopped) {
      if (need < 0) {
        if (buffered < HEADER) return;
        need = take(HEADER).readUInt32BE(0);
        if (need > maxBytes) return stop(`it announced a message of ${need} bytes (the limit is ${maxBytes})`);
      }
      if (buffered < need) return;
      const body = take(need);
      need = -1;
      let message: unknown;
      try {
        message = deserialize(body);
      } catch {
        return stop('it sent bytes that are not a message');
      }
      onMessage(message);
    }
  };
  stream.on('data', onData);
}
