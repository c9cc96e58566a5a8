/** Progress lines on stderr, so stdout stays free for machine-readable output. */

/** Prints one progress line. */
export function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** Times a stage and logs `name ... 123 ms` when it ends. */
export async function stage<T>(name: string, run: () => Promise<T> | T, quiet = false): Promise<T> {
  const start = performance.now();
  const result = await run();
  if (!quiet) log(`• ${name} (${Math.round(performance.now() - start)} ms)`);
  return result;
}

/** A byte count as a short human string (12.3 KB). */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(2)} MB`;
}
