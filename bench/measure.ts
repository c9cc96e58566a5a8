/**
 * Measuring commands for the benchmark: wall time of a child process and the peak memory of its
 * whole process tree (Chromium's processes included), sampled from /proc.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

export interface Measurement {
  ms: number;
  /** Peak resident memory of the process and all its descendants, in bytes. */
  peakBytes: number;
  code: number;
  stderr: string;
}

/** Parent pid of every process, read once per sample. */
function processTable(): Map<number, { ppid: number; rss: number }> {
  const table = new Map<number, { ppid: number; rss: number }>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Fields after the command name (which may contain spaces) start after the last ')'.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      table.set(Number(entry), { ppid: Number(fields[1]), rss: Number(fields[21]) * 4096 });
    } catch {
      // The process ended while we looked.
    }
  }
  return table;
}

/** Total RSS of `pid` and its descendants. */
export function treeRss(pid: number): number {
  const table = processTable();
  let total = 0;
  const queue = [pid];
  while (queue.length) {
    const current = queue.pop() as number;
    total += table.get(current)?.rss ?? 0;
    for (const [child, info] of table) if (info.ppid === current) queue.push(child);
  }
  return total;
}

/** Runs a command, timing it and sampling its process tree's memory every 25 ms. */
export function measure(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Measurement> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    let peakBytes = 0;
    const timer = setInterval(() => {
      if (child.pid) peakBytes = Math.max(peakBytes, treeRss(child.pid));
    }, 25);
    child.on('error', (e) => {
      clearInterval(timer);
      reject(e);
    });
    child.on('close', (code) => {
      clearInterval(timer);
      resolve({ ms: performance.now() - start, peakBytes, code: code ?? 1, stderr });
    });
  });
}

/** The median of some numbers. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** The p-th percentile (0-100) of some numbers, nearest rank. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number;
}
