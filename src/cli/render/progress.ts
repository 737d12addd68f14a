import type { Io } from '../io.js';

/**
 * A one-line progress bar on `stderr`, only when it is a terminal: a pipe or a log file
 * gets nothing, so scripts stay clean.
 */
export function progressBar(
  stderr: Io['stderr'],
  isTTY: boolean,
  label: string,
  unit: string,
): { update: (done: number, fraction: number, total?: number) => void; done: () => void } | null {
  if (!isTTY) return null;
  let shown = false;
  return {
    /** `done` units so far, `fraction` of the whole work, `total` units when known (a file read as it is written has no count up front). */
    update(done, fraction, total) {
      const width = 30;
      const share = Math.min(Math.max(fraction, 0), 1);
      const filled = Math.round(share * width);
      const pct = Math.floor(share * 100);
      stderr.write(
        `\r${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(pct).padStart(3)}% ${done.toLocaleString('en-US')}${total === undefined ? '' : `/${total.toLocaleString('en-US')}`} ${unit}`,
      );
      shown = true;
    },
    done() {
      if (shown) stderr.write('\r\u001b[K');
    },
  };
}
