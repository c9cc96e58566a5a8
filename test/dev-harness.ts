/** Helpers for the dev server tests: a temporary book, the `book dev` process, an SSE reader. */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launcher } from './helpers/cli.js';

export const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** A temporary copy of a fixture book under test/fixtures. */
export function copyFixture(name: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), `${name}-`));
  cpSync(path.join(repo, 'test/fixtures', name), dir, { recursive: true });
  return dir;
}

/** A running `book dev` and what it printed. */
export interface DevProcess {
  child: ChildProcess;
  url: string;
  output: () => string;
  exited: Promise<number | null>;
}

/**
 * Starts `node scripts/cli/launch.mjs dev DIR --port 0` (what `npm run dev` runs) in its own
 * process group; resolves once the URL is printed. The first start may bundle the sources.
 */
export async function startDevProcess(dir: string, extra: string[] = [], timeoutMs = 60_000): Promise<DevProcess> {
  const child = spawn(process.execPath, [launcher, 'dev', dir, '--port', '0', ...extra], {
    cwd: repo,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL printed within ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const found = /http:\/\/127\.0\.0\.1:\d+\//.exec(output);
      if (found) {
        clearTimeout(timer);
        resolve(found[0]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    void exited.then(() => reject(new Error(`dev exited early:\n${output}`)));
  });
  return { child, url, output: () => output, exited };
}

/** Every process below `pid`, from `ps`. */
export function descendants(pid: number): number[] {
  const table = execFileSync('ps', ['-e', '-o', 'pid=,ppid='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/).map(Number) as [number, number]);
  const found: number[] = [];
  const walk = (parent: number): void => {
    for (const [child, ppid] of table) {
      if (ppid === parent) {
        found.push(child);
        walk(child);
      }
    }
  };
  walk(pid);
  return found;
}

/** Whether a process is still alive (zombies count as gone). */
export function alive(pid: number): boolean {
  try {
    const state = execFileSync('ps', ['-o', 'stat=', '-p', String(pid)], { encoding: 'utf8' }).trim();
    return state !== '' && !state.startsWith('Z');
  } catch {
    return false;
  }
}

/**
 * The processes of `pids` still alive once they had `timeoutMs` to end: Chromium's helpers exit
 * shortly after the browser, later on a busy machine, so a check right away would race them.
 */
export async function survivors(pids: number[], timeoutMs = 15_000): Promise<number[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const left = pids.filter(alive);
    if (left.length === 0 || Date.now() > deadline) return left;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A Server-Sent Events reader that queues events by name. */
export class EventStream {
  private readonly events: { event: string; data: unknown; at: number }[] = [];
  private waiter: (() => void) | undefined;
  private buffer = '';
  readonly request: http.ClientRequest;

  constructor(url: string) {
    this.request = http.get(url, (res) => {
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => this.receive(chunk));
    });
    this.request.on('error', () => undefined);
  }

  /** Splits the wire format into events. */
  private receive(chunk: string): void {
    this.buffer += chunk;
    let end;
    while ((end = this.buffer.indexOf('\n\n')) >= 0) {
      const block = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (event && data) this.events.push({ event, data: JSON.parse(data), at: performance.now() });
    }
    this.waiter?.();
  }

  /**
   * The next event called `name` whose data passes `accept` (earlier events are dropped): one
   * save may come as two writes, and so as two rebuilds, the first of a half-written file.
   */
  async next(name: string, timeoutMs = 30_000, accept: (data: unknown) => boolean = () => true): Promise<{ data: unknown; at: number }> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.events.shift();
      if (found?.event === name && accept(found.data)) return found;
      if (found) continue;
      if (Date.now() > deadline) throw new Error(`no "${name}" event within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, deadline - Date.now());
        this.waiter = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  /** Disconnects. */
  close(): void {
    this.request.destroy();
  }
}
