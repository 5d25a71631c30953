// A tiny dependency-free terminal progress bar.

/** `[=========>          ] 12/40` */
export function progressBar(current: number, total: number, width = 30): string {
  const frac = total > 0 ? Math.min(Math.max(current / total, 0), 1) : 1;
  const filled = Math.round(frac * width);
  const bar =
    filled >= width ? '='.repeat(width) : '='.repeat(Math.max(filled - 1, 0)) + (filled > 0 ? '>' : '') + ' '.repeat(width - filled);
  const digits = String(total).length;
  return `[${bar}] ${String(current).padStart(digits)}/${total}`;
}

/**
 * Redraws one status line in place on a TTY (`\r` + clear-to-end-of-line).
 * When stdout is not a TTY (CI logs, pipes) it prints only the final line of each
 * bar, via `done`, so logs stay readable.
 */
export class StatusLine {
  private readonly tty: boolean;
  private drawn = false;

  constructor(private readonly out: NodeJS.WriteStream = process.stdout) {
    this.tty = Boolean(out.isTTY);
  }

  /** Replace the current line (TTY only; a no-op otherwise). */
  update(text: string): void {
    if (!this.tty) return;
    this.out.write(`\r${text}\x1b[K`);
    this.drawn = true;
  }

  /** Print the final text of this line and move to the next one. */
  done(text: string): void {
    if (this.tty) this.out.write(`\r${text}\x1b[K\n`);
    else this.out.write(`${text}\n`);
    this.drawn = false;
  }

  /** Move off a half-drawn line (e.g. before printing an error). */
  clear(): void {
    if (this.tty && this.drawn) this.out.write('\n');
    this.drawn = false;
  }
}
