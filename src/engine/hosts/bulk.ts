// Large typed arrays between the orchestrator and a child process travel in pieces. Serialising a 72 MB
// matrix in one message holds the sender's thread for a fraction of a second, and parsing it holds the
// receiver's; in pieces of at most BULK_CHUNK_BYTES, with the sender yielding to its event loop between them,
// neither loop is ever held for long. Every byte is still copied across: a child pays its full transfer.
// A child's large results go through a file in the temp folder instead when it can write one (writeBulkFiles):
// one write and one read through the page cache, where a pipe needs a context switch per 64 KiB and a
// serialise, parse and copy per chunk, which on busy cores costs far more.
import { randomUUID } from 'node:crypto';
import { open, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { BulkField, BulkHeader, ChunkMessage } from '../../shared/protocol.js';

/** Largest piece of a bulk field in one message. */
export const BULK_CHUNK_BYTES = 2 * 1024 * 1024;

export type BulkArray = Float64Array | Int32Array;
type WithBulk = Partial<Record<BulkField, BulkArray>>;

const EMPTY: Record<BulkHeader['type'], () => BulkArray> = {
  float64: () => new Float64Array(0),
  int32: () => new Int32Array(0),
};

/**
 * Takes the bulk fields out of `value` (a task or an output): a shallow copy with each field emptied, the
 * headers announcing them, and the arrays to send with sendChunks. `fields` lists the candidates; arrays
 * under `minBytes` stay inline.
 */
export function splitBulk<T extends object>(
  value: T,
  fields: readonly BulkField[],
  minBytes = 0,
): { shell: T; headers: BulkHeader[]; arrays: BulkArray[] } {
  const shell = { ...value } as T & WithBulk;
  const headers: BulkHeader[] = [];
  const arrays: BulkArray[] = [];
  for (const field of fields) {
    const array = (value as WithBulk)[field];
    if (!(array instanceof Float64Array) && !(array instanceof Int32Array)) continue;
    if (array.byteLength < minBytes) continue;
    const type = array instanceof Float64Array ? 'float64' : 'int32';
    headers.push({ field, type, length: array.length });
    arrays.push(array);
    shell[field] = EMPTY[type]();
  }
  return { shell, headers, arrays };
}

/**
 * The bulk fields of each task kind and output kind. A matrix task's arrays always go in chunks (they may be
 * views of shared memory, which only a copy can carry to another process); outputs only when large.
 */
export const TASK_BULK_FIELDS: Partial<Record<string, readonly BulkField[]>> = { matrix: ['aRows', 'b'] };
export const OUTPUT_BULK_FIELDS: Partial<Record<string, readonly BulkField[]>> = {
  matrix: ['c'],
  primes: ['primes'],
};

/**
 * Posts every array as chunk messages of task `id`. Each piece is its own small copy (slice): Electron's
 * utilityProcess serialiser writes a view's whole underlying buffer, and neither it nor child_process can
 * carry shared memory to another process. With `yieldBetween` the event loop runs between pieces.
 */
export async function sendChunks(
  post: (message: ChunkMessage) => void,
  id: number,
  headers: BulkHeader[],
  arrays: BulkArray[],
  yieldBetween: boolean,
): Promise<void> {
  for (let f = 0; f < headers.length; f++) {
    const array = arrays[f];
    const step = Math.max(1, Math.floor(BULK_CHUNK_BYTES / array.BYTES_PER_ELEMENT));
    for (let offset = 0; offset < array.length; offset += step) {
      if (yieldBetween) await yieldToEventLoop();
      post({
        type: 'chunk',
        id,
        field: headers[f].field,
        offset,
        data: array.slice(offset, Math.min(offset + step, array.length)),
      });
    }
  }
}

/** Start of the names of result files, so a receiver only ever reads and removes files of this kind. */
const RESULT_FILE_PREFIX = 'cbench-result-';

/**
 * Writes each array to a file of its own in the temp folder and records the file in its header. Returns
 * false, having removed whatever it wrote, if any write fails (the caller then sends chunks).
 */
export async function writeBulkFiles(headers: BulkHeader[], arrays: BulkArray[]): Promise<boolean> {
  const written: string[] = [];
  try {
    for (let f = 0; f < headers.length; f++) {
      const file = path.join(os.tmpdir(), `${RESULT_FILE_PREFIX}${process.pid}-${randomUUID()}.bin`);
      const array = arrays[f];
      await writeFile(file, new Uint8Array(array.buffer, array.byteOffset, array.byteLength));
      written.push(file);
      headers[f] = { ...headers[f], file };
    }
    return true;
  } catch {
    await Promise.all(written.map((file) => rm(file, { force: true })));
    for (const h of headers) delete h.file;
    return false;
  }
}

/** Whether `file` is a result file writeBulkFiles could have made (and so one a receiver may remove). */
function isResultFile(file: string): boolean {
  return path.dirname(file) === os.tmpdir() && path.basename(file).startsWith(RESULT_FILE_PREFIX);
}

/** Arrays a receiver already holds for a result's bulk fields (views into the merged output, say). */
export type BulkTargets = Partial<Record<BulkField, BulkArray>>;

/**
 * Collects the chunks of one task's (or result's) bulk fields: into the given target of a field when its
 * type and length match the header, else into a freshly allocated array. `add` returns an error text for a
 * chunk that does not fit; `complete` is true once every element has arrived.
 */
export class BulkAssembly {
  private readonly arrays = new Map<BulkField, BulkArray>();
  private remaining = 0;

  constructor(headers: readonly BulkHeader[], into: BulkTargets = {}) {
    for (const h of headers) {
      const given = into[h.field];
      const fits =
        given !== undefined &&
        given.length === h.length &&
        (h.type === 'float64' ? given instanceof Float64Array : given instanceof Int32Array);
      const fresh = (): BulkArray =>
        h.type === 'float64' ? new Float64Array(h.length) : new Int32Array(h.length);
      this.arrays.set(h.field, fits ? given : fresh());
      this.remaining += h.length;
    }
  }

  get complete(): boolean {
    return this.remaining === 0;
  }

  /**
   * Reads the fields announced with a file (a few MB per read, so the event loop keeps turning) and removes
   * the files; resolves with an error text for a file that is missing, short or not a result file.
   */
  async readFiles(headers: readonly BulkHeader[]): Promise<string | undefined> {
    let problem: string | undefined;
    for (const h of headers) {
      if (h.file === undefined) continue;
      if (problem !== undefined || !isResultFile(h.file)) {
        problem ??= `result field ${h.field} names a file that is not a result file: ${h.file}`;
        if (isResultFile(h.file)) await rm(h.file, { force: true });
        continue;
      }
      const target = this.arrays.get(h.field)!;
      const bytes = new Uint8Array(target.buffer, target.byteOffset, target.byteLength);
      try {
        const handle = await open(h.file, 'r');
        try {
          let at = 0;
          while (at < bytes.length) {
            const { bytesRead } = await handle.read(
              bytes,
              at,
              Math.min(BULK_CHUNK_BYTES * 4, bytes.length - at),
              at,
            );
            if (bytesRead === 0) break;
            at += bytesRead;
          }
          if (at !== bytes.length)
            problem = `result file for ${h.field} holds ${at} of ${bytes.length} bytes`;
          else this.remaining -= h.length;
        } finally {
          await handle.close();
        }
      } catch (caught) {
        problem = `result file for ${h.field} could not be read: ${(caught as Error).message}`;
      } finally {
        await rm(h.file, { force: true });
      }
    }
    return problem;
  }

  add(chunk: ChunkMessage): string | undefined {
    const target = this.arrays.get(chunk.field);
    if (!target) return `chunk for unannounced field ${chunk.field}`;
    const data: unknown = chunk.data;
    const sameType =
      (target instanceof Float64Array && data instanceof Float64Array) ||
      (target instanceof Int32Array && data instanceof Int32Array);
    if (!sameType) return `chunk for ${chunk.field} has the wrong element type`;
    const { offset } = chunk;
    if (!Number.isInteger(offset) || offset < 0 || offset + chunk.data.length > target.length) {
      return `chunk for ${chunk.field} at ${offset} (+${chunk.data.length}) overruns its ${target.length} elements`;
    }
    target.set(chunk.data, offset);
    this.remaining -= chunk.data.length;
    return undefined;
  }

  /** `shell` with every announced field filled in. */
  fill<T extends object>(shell: T): T {
    const filled = { ...shell } as T & WithBulk;
    for (const [field, array] of this.arrays) filled[field] = array;
    return filled;
  }
}

/** Narrows an incoming message to a ChunkMessage (type already 'chunk'), or explains what is wrong. */
export function parseChunk(m: Record<string, unknown>): ChunkMessage | string {
  if (typeof m.id !== 'number') return 'chunk without a numeric id';
  if (m.field !== 'aRows' && m.field !== 'b' && m.field !== 'c' && m.field !== 'primes')
    return `chunk ${m.id} has no known field`;
  if (typeof m.offset !== 'number') return `chunk ${m.id} has no numeric offset`;
  if (!(m.data instanceof Float64Array) && !(m.data instanceof Int32Array))
    return `chunk ${m.id} carries no typed array`;
  return { type: 'chunk', id: m.id, field: m.field, offset: m.offset, data: m.data };
}
