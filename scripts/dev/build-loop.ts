/**
 * Runs the dev server's builds one at a time. Changes that arrive while a build runs are merged
 * and built once after it (as Eleventy does), so a burst of saves never starts two builds.
 */

/** The serial build runner. */
export class BuildLoop {
  private chain: Promise<unknown> = Promise.resolve();
  private waiting = false;
  private readonly changes = new Set<string>();

  /** `rebuild` receives the paths changed since the previous rebuild. */
  constructor(private readonly rebuild: (changes: string[]) => Promise<void>) {}

  /** Records changed paths and schedules one rebuild, merged with any rebuild not yet started. */
  request(paths: string[]): void {
    for (const p of paths) this.changes.add(p);
    if (this.waiting) return;
    this.waiting = true;
    void this.exclusive(async () => {
      this.waiting = false;
      const changes = [...this.changes];
      this.changes.clear();
      await this.rebuild(changes);
    });
  }

  /** Runs `task` after every task queued before it, never alongside another. */
  exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.chain.then(task);
    // A failed task must not block the ones after it; its caller sees the rejection.
    this.chain = run.catch(() => undefined);
    return run;
  }

  /** Resolves once every task queued so far has ended. */
  idle(): Promise<void> {
    return this.chain.then(() => undefined);
  }
}
