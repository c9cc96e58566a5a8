/**
 * Save-to-reload latency of `book dev`: starts the dev server on a book, listens to its event
 * stream, edits one chapter `edits` times and reports the time from the file write to the `reload`
 * event, and the rebuild alone as the server measured it. `measureDevLatency` is what the
 * benchmark (bench/run.ts) calls; run directly, this file generates a book in a temp dir first.
 * Usage: npx tsx bench/dev-latency.ts [EDITS] [PAGES]   (defaults: 20 edits, a ~500-page book)
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { generateBook } from './generate-book.js';
import { percentile } from './measure.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Every edit's latencies, in ms. */
export interface DevLatency {
  /** From the file write to the arrival of the `reload` event. */
  latencies: number[];
  /** The rebuild alone, as reported by the server in the event. */
  builds: number[];
}

/** Resolves with the dev server's URL once it prints it. */
function waitForUrl(child: ReturnType<typeof spawn>): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const url = /http:\/\/127\.0\.0\.1:\d+\//.exec(output)?.[0];
      if (url) resolve(url);
    });
    child.on('exit', () => reject(new Error(`dev exited:\n${output}`)));
  });
}

/** Calls `onReload` with the arrival time and data of every `reload` event. */
function listen(url: string, onReload: (at: number, data: { buildMs: number }) => void): http.ClientRequest {
  return http.get(`${url}_dev/events`, (res) => {
    let buffer = '';
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      const at = performance.now();
      buffer += chunk;
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (block.startsWith('event: reload') && data) onReload(at, JSON.parse(data));
      }
    });
  });
}

/**
 * Runs `book dev` on the book at `root`, edits `target` (a chapter file) `edits` times, adding the
 * paragraph `line(i)` and waiting for each reload, and puts the file back as it was.
 */
export async function measureDevLatency(root: string, target: string, edits: number, line = (i: number): string => `편집 ${i}: an edited paragraph.`): Promise<DevLatency> {
  const child = spawn(process.execPath, ['scripts/cli/launch.mjs', 'dev', root, '--port', '0'], { cwd: repo, stdio: ['ignore', 'ignore', 'pipe'] });
  const original = readFileSync(target, 'utf8');
  try {
    const url = await waitForUrl(child);
    let resolveReload: ((value: { at: number; buildMs: number }) => void) | undefined;
    const stream = listen(url, (at, data) => resolveReload?.({ at, buildMs: data.buildMs }));
    await new Promise((r) => setTimeout(r, 500));
    const latencies: number[] = [];
    const builds: number[] = [];
    for (let i = 0; i < edits; i++) {
      const reloaded = new Promise<{ at: number; buildMs: number }>((resolve) => (resolveReload = resolve));
      const start = performance.now();
      writeFileSync(target, `${original}\n\n${line(i)}\n`);
      const { at, buildMs } = await reloaded;
      latencies.push(at - start);
      builds.push(buildMs);
      // Past chokidar's 50 ms throttle and the server's recheck, as between two real saves.
      await new Promise((r) => setTimeout(r, 250));
    }
    stream.destroy();
    return { latencies, builds };
  } finally {
    writeFileSync(target, original);
    if (child.exitCode === null) {
      child.kill('SIGINT');
      await new Promise((r) => child.once('exit', r));
    }
  }
}

/** Generates a book in a temp dir, measures it and prints p50/p95. */
async function main(): Promise<void> {
  const edits = Number(process.argv[2] ?? 20);
  const pages = Number(process.argv[3] ?? 500);
  const root = mkdtempSync(path.join(os.tmpdir(), 'dev-latency-'));
  try {
    const book = generateBook(root, { pages });
    const bytes = book.files.reduce((sum, f) => sum + statSync(f).size, 0);
    console.log(`book: ${book.chapters} chapters, ${(bytes / 1024 / 1024).toFixed(2)} MB of Markdown in ${root}`);
    const { latencies, builds } = await measureDevLatency(root, book.files[Math.floor(book.files.length / 2)] as string, edits);
    /** Milliseconds, rounded. */
    const ms = (n: number): string => `${n.toFixed(0)} ms`;
    console.log(`write -> reload event over ${edits} edits: p50 ${ms(percentile(latencies, 50))}, p95 ${ms(percentile(latencies, 95))}, max ${ms(Math.max(...latencies))}`);
    console.log(`rebuild alone (server-side):    p50 ${ms(percentile(builds, 50))}, p95 ${ms(percentile(builds, 95))}`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) await main();
