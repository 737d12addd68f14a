// Reading the file given to `cadence import`: whole, or line by line for a large JSON export.
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { RuntimeError, UsageError } from '../domain/errors.js';

/** The whole file as text, without a byte-order mark (it is not part of the JSON or of the first CSV header). */
export function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8').replace(/^\ufeff/, '');
  } catch (e) {
    throw readError(file, e);
  }
}

/** The first bytes as text: enough to tell JSON from CSV. */
export function readHead(file: string, bytes = 4096): string {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const buf = Buffer.alloc(bytes);
    return buf.toString('utf8', 0, readSync(fd, buf, 0, bytes, 0)).replace(/^\ufeff/, '');
  } catch (e) {
    throw readError(file, e);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * The file's lines (split at "\n", no empty line after a final one), read through one reused buffer: a 200 MB export never sits
 * in memory as one string. Lines break only at byte 0x0A, which is never inside a multi-byte
 * UTF-8 character, so each line decodes as it would in the whole text.
 */
export function* readLines(file: string, chunk = 1 << 22): Generator<string> {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (e) {
    throw readError(file, e);
  }
  try {
    let buf = Buffer.allocUnsafe(chunk);
    let len = 0;
    let first = true;
    for (;;) {
      if (len === buf.length) {
        // A line longer than the buffer (a one-line file): make room.
        const bigger = Buffer.allocUnsafe(buf.length * 2);
        buf.copy(bigger, 0, 0, len);
        buf = bigger;
      }
      let n: number;
      try {
        n = readSync(fd, buf, len, buf.length - len, null);
      } catch (e) {
        throw readError(file, e);
      }
      len += n;
      const view = buf.subarray(0, len);
      let pos = 0;
      for (let nl = view.indexOf(10); nl !== -1; nl = view.indexOf(10, pos)) {
        const line = buf.toString('utf8', pos, nl);
        pos = nl + 1;
        yield first ? line.replace(/^\ufeff/, '') : line;
        first = false;
      }
      if (n === 0) {
        // The text after the last line break, if any (a final line break ends a line, it starts none).
        const last = buf.toString('utf8', pos, len);
        const rest = first ? last.replace(/^\ufeff/, '') : last;
        if (rest) yield rest;
        return;
      }
      buf.copy(buf, 0, pos, len);
      len -= pos;
    }
  } finally {
    closeSync(fd);
  }
}

function readError(file: string, e: unknown): Error {
  if (e instanceof UsageError || e instanceof RuntimeError) return e;
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new UsageError(`There is no file ${file}; check the path.`);
  if (code === 'EISDIR') return new UsageError(`${file} is a folder; give the export file inside it.`);
  return new RuntimeError(`Cannot read ${file}: ${(e as Error).message}.`);
}
