/**
 * Save-to-reload latency of `book dev` on a generated ~500-page book (40 chapters): starts the dev
 * server in a temp dir, listens to its event stream, edits one chapter ~20 times and reports
 * p50/p95 of the time from the file write to the `reload` event, and of the rebuild alone.
 * Usage: npx tsx bench/dev-latency.ts [EDITS] [CHAPTERS]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateBook } from './dev-latency-book.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const edits = Number(process.argv[2] ?? 20);
const chapters = Number(process.argv[3] ?? 40);

/** The q-quantile of `values` (nearest rank). */
function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] as number;
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

const root = mkdtempSync(path.join(os.tmpdir(), 'dev-latency-'));
const files = generateBook(root, chapters);
const bytes = files.reduce((sum, f) => sum + statSync(f).size, 0);
console.log(`book: ${chapters} chapters, ${(bytes / 1024 / 1024).toFixed(2)} MB of Markdown in ${root}`);
const child = spawn(path.join(repo, 'node_modules/.bin/tsx'), ['scripts/cli/index.ts', 'dev', root, '--port', '0'], { cwd: repo, stdio: ['ignore', 'ignore', 'pipe'] });
try {
  const url = await waitForUrl(child);
  let resolveReload: ((value: { at: number; buildMs: number }) => void) | undefined;
  const stream = listen(url, (at, data) => resolveReload?.({ at, buildMs: data.buildMs }));
  await new Promise((r) => setTimeout(r, 500));
  const target = files[Math.floor(files.length / 2)] as string;
  const original = readFileSync(target, 'utf8');
  const latencies: number[] = [];
  const builds: number[] = [];
  for (let i = 0; i < edits; i++) {
    const reloaded = new Promise<{ at: number; buildMs: number }>((resolve) => (resolveReload = resolve));
    const start = performance.now();
    writeFileSync(target, original.replace('본문', `본문 수정 ${i}`).concat(`\n\n편집 ${i}: an edited paragraph.\n`));
    const { at, buildMs } = await reloaded;
    latencies.push(at - start);
    builds.push(buildMs);
    // Past chokidar's 50 ms throttle and our recheck, as between two real saves.
    await new Promise((r) => setTimeout(r, 250));
  }
  stream.destroy();
  const ms = (n: number): string => `${n.toFixed(0)} ms`;
  console.log(`write -> reload event over ${edits} edits: p50 ${ms(quantile(latencies, 0.5))}, p95 ${ms(quantile(latencies, 0.95))}, max ${ms(Math.max(...latencies))}`);
  console.log(`rebuild alone (server-side):    p50 ${ms(quantile(builds, 0.5))}, p95 ${ms(quantile(builds, 0.95))}`);
} finally {
  child.kill('SIGINT');
  await new Promise((r) => child.once('exit', r));
  rmSync(root, { recursive: true, force: true });
}
