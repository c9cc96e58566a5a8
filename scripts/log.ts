/** Progress lines on stderr, so stdout stays free for machine-readable output; stage timings as data. */

let quiet = false;

/** Turns progress lines off (`--quiet`): problems and outputs are still said. */
export function setQuiet(value: boolean): void {
  quiet = value;
}

/** Whether progress lines are off. */
export function isQuiet(): boolean {
  return quiet;
}

/** Prints one progress line (none under `--quiet`). */
export function log(line: string): void {
  if (!quiet) process.stderr.write(`${line}\n`);
}

/** Prints a line the author must see whatever the settings: a problem, an output, a failure. */
export function say(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** How long each stage of a build took, in milliseconds, in the order the stages ended. */
export type Timings = { stage: string; ms: number }[];

/** Times a stage, records it in `timings` and logs `• name (123 ms)` when it ends. */
export async function stage<T>(name: string, run: () => Promise<T> | T, timings: Timings, quiet = false): Promise<T> {
  const start = performance.now();
  const result = await run();
  const ms = performance.now() - start;
  timings.push({ stage: name, ms });
  if (!quiet) log(`• ${name} (${Math.round(ms)} ms)`);
  return result;
}

/** A byte count as a short human string (12.3 KB). */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(2)} MB`;
}
