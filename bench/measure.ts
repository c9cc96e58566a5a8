/**
 * Measuring commands for the benchmark: wall time of a child process and the peak memory of its
 * whole process tree (Chromium's processes included), sampled from /proc. Memory is the sum of
 * each process's PSS (proportional set size, /proc/PID/smaps_rollup): Chromium's processes share
 * most of their pages, and summing their RSS counts those pages once per process (about 3× too
 * much: 1.3 GB of summed RSS for 0.46 GB of PSS on a 100-page book). The summed RSS is kept too.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

export interface Measurement {
  ms: number;
  /** Peak memory (sum of PSS) of the process and all its descendants, in bytes. */
  peakBytes: number;
  /** Peak of the summed RSS of the same processes: an upper bound that counts shared pages repeatedly. */
  peakRssBytes: number;
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

/** The PSS of one process in bytes, or its RSS when smaps_rollup cannot be read. */
function pss(pid: number, rss: number): number {
  try {
    const kb = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1];
    return kb === undefined ? rss : Number(kb) * 1024;
  } catch {
    return rss;
  }
}

/** Total PSS and total RSS of `pid` and its descendants. */
export function treeMemory(pid: number): { pss: number; rss: number } {
  const table = processTable();
  let totalPss = 0;
  let totalRss = 0;
  const queue = [pid];
  while (queue.length) {
    const current = queue.pop() as number;
    const info = table.get(current);
    if (info) {
      totalRss += info.rss;
      totalPss += pss(current, info.rss);
    }
    for (const [child, entry] of table) if (entry.ppid === current) queue.push(child);
  }
  return { pss: totalPss, rss: totalRss };
}

/**
 * Runs a command, timing it and sampling its process tree's memory every `sampleMs` (default 50 ms;
 * 0 = no sampling). Each sample reads all of /proc and every process's smaps_rollup, which on a
 * 2-core machine takes CPU from what is measured: timing runs should not sample.
 */
export function measure(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; sampleMs?: number } = {}): Promise<Measurement> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    let peakBytes = 0;
    let peakRssBytes = 0;
    const sampleMs = options.sampleMs ?? 50;
    const timer = setInterval(() => {
      if (!child.pid || sampleMs === 0) return;
      const memory = treeMemory(child.pid);
      peakBytes = Math.max(peakBytes, memory.pss);
      peakRssBytes = Math.max(peakRssBytes, memory.rss);
    }, sampleMs || 60_000);
    child.on('error', (e) => {
      clearInterval(timer);
      reject(e);
    });
    child.on('close', (code) => {
      clearInterval(timer);
      resolve({ ms: performance.now() - start, peakBytes, peakRssBytes, code: code ?? 1, stderr });
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
