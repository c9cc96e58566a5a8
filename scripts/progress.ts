/**
 * Progress of a long stage (chapters printed out of all): on a terminal one line redrawn in place,
 * with an estimate of the time left; elsewhere (CI, a pipe) a plain line at most every few
 * seconds, so logs stay short. Nothing at all under `--quiet`.
 */
import { isQuiet } from './log.js';

/** Where progress goes: stderr, or a stand-in in tests. */
export interface ProgressStream {
  isTTY?: boolean;
  write(text: string): unknown;
}

/** One stage's progress. */
export class Progress {
  private readonly started: number;
  private lastLine = -Infinity;
  private drawn = false;

  /** `label` names what is counted (`PDF: printing chapters`); `total` is how many there are. */
  constructor(
    private readonly label: string,
    private readonly total: number,
    private readonly out: ProgressStream = process.stderr,
    private readonly now: () => number = () => performance.now(),
    /** On a stream that is not a terminal, the least time between two lines. */
    private readonly intervalMs = 3000,
  ) {
    this.started = now();
  }

  /** Says that `done` of the total are finished. */
  tick(done: number): void {
    if (isQuiet() || this.total === 0) return;
    const line = `${this.label} ${done}/${this.total}${this.estimate(done)}`;
    if (this.out.isTTY) {
      this.out.write(`\r\x1b[K${line}`);
      this.drawn = true;
    } else if (this.now() - this.lastLine >= this.intervalMs && done < this.total) {
      this.out.write(`${line}\n`);
      this.lastLine = this.now();
    }
  }

  /** Ends the stage: the line drawn in place is cleared, for the stage's own summary line. */
  end(): void {
    if (this.drawn) this.out.write('\r\x1b[K');
    this.drawn = false;
  }

  /** `, about 12 s left`, once enough is done to tell. */
  private estimate(done: number): string {
    if (done === 0 || done >= this.total) return '';
    const left = ((this.now() - this.started) / done) * (this.total - done);
    return left >= 1000 ? `, about ${Math.round(left / 1000)} s left` : '';
  }
}
