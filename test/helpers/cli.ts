/**
 * Runs the real command line on book folders copied to temporary places, so tests never write
 * into the repository and each build starts from a clean folder.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveLayout } from '../../scripts/config/layout.js';

/** The repository root (this file lives in test/helpers/). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The fixture books. */
export const fixturesDir = path.join(repoRoot, 'test', 'fixtures');

/**
 * The launcher behind the npm scripts: tests run the command line exactly as authors do, never
 * through tsx, whose signal relay would make exit statuses depend on the machine's speed.
 */
export const launcher = path.join(repoRoot, 'scripts', 'cli', 'launch.mjs');
const made: string[] = [];

/** What a finished CLI run left behind. */
export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `book ARGS` (through the npm scripts' launcher) and collects its exit status and output. */
export function runCli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<CliResult> {
  const env = { ...(options.env ?? process.env) };
  // Reproducibility must not depend on the caller's shell; tests that want it set pass it.
  if (!options.env) delete env.SOURCE_DATE_EPOCH;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [launcher, ...args], { cwd: options.cwd ?? repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
  });
}

/** Makes an empty temporary folder that `removeTempDirs` deletes. */
export function tempDir(prefix = 'book-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** Copies the fixture book `name` to a fresh temporary folder (named after it) and returns that folder. */
export function copyFixture(name: string): string {
  const dir = path.join(tempDir(), name);
  fs.cpSync(path.join(fixturesDir, name), dir, { recursive: true });
  return dir;
}

/** Copies the repository's own book (the folders its layout watches) to a fresh temporary folder. */
export function copySampleBook(): string {
  const dir = path.join(tempDir(), 'sample');
  for (const from of resolveLayout(repoRoot).watch) fs.cpSync(from, path.join(dir, path.relative(repoRoot, from)), { recursive: true });
  return dir;
}

/** Deletes every folder made by `tempDir` (call it from an `after` hook). */
export function removeTempDirs(): void {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

/** The files in `dir` (non-recursive); an absent folder has none. */
export function listFiles(dir: string): string[] {
  return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
}

/** The SHA-256 of a file, hex. */
export function sha256(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/** The diagnostic lines (`file:line:col: severity: message`) that the CLI printed on stderr. */
export function diagnosticLines(stderr: string): { file: string; line: number; column?: number; severity: string; message: string }[] {
  const found = [];
  for (const text of stderr.split('\n')) {
    const m = /^(.+?):(\d+)(?::(\d+))?: (warning|error|error \(strict\)): (.*)$/.exec(text);
    if (!m) continue;
    const entry: { file: string; line: number; column?: number; severity: string; message: string } = { file: m[1] as string, line: Number(m[2]), severity: m[4] as string, message: m[5] as string };
    if (m[3]) entry.column = Number(m[3]);
    found.push(entry);
  }
  return found;
}

/** The 1-based line of `file` on which `needle` first occurs; throws when it does not. */
export function lineOf(file: string, needle: string): number {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const index = lines.findIndex((l) => l.includes(needle));
  if (index === -1) throw new Error(`${needle} is not in ${file}`);
  return index + 1;
}

/** Maps `items` through `fn` with at most `limit` calls running at once, keeping the order. */
export async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
