/**
 * A one-line progress bar on stderr, only when stderr is a terminal: a pipe or a log file
 * gets nothing, so scripts stay clean.
 */
export function progressBar(label: string, unit: string): { update: (done: number, total: number) => void; done: () => void } | null {
  if (!process.stderr.isTTY) return null;
  let shown = false;
  return {
    update(done, total) {
      const width = 30;
      const filled = Math.round((done / Math.max(total, 1)) * width);
      const pct = Math.floor((done / Math.max(total, 1)) * 100);
      process.stderr.write(
        `\r${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(pct).padStart(3)}% ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')} ${unit}`,
      );
      shown = true;
    },
    done() {
      if (shown) process.stderr.write('\r\u001b[K');
    },
  };
}
