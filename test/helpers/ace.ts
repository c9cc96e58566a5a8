/**
 * Runs Ace by DAISY (npm @daisy/ace, its `ace-puppeteer` runner on the system Chromium: the
 * Electron runner cannot be downloaded here) on an EPUB and returns its violations.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from './cli.js';

const aceBin = path.join(repoRoot, 'node_modules', '.bin', 'ace-puppeteer');
const chromium = process.env.PUPPETEER_EXECUTABLE_PATH ?? '/usr/bin/chromium';

/** One violation Ace reported. */
export interface AceViolation {
  impact: 'minor' | 'moderate' | 'serious' | 'critical';
  /** The axe-core rule or Ace check, e.g. `label`, `color-contrast`, `metadata-accessmode`. */
  rule: string;
  /** The content document it is in (e.g. `/OEBPS/ch02.xhtml`). */
  document: string;
  /** A CSS selector of the element, when the check is about one. */
  selector: string;
  /** The offending markup, shortened. */
  html: string;
  description: string;
}

/** The parts of Ace's report.json read here (an EARL report). */
interface AceReport {
  assertions: {
    'earl:testSubject': { url: string };
    assertions?: {
      'earl:test': { 'earl:impact': AceViolation['impact']; 'dct:title': string; 'dct:description': string };
      'earl:result': { 'earl:pointer'?: { css?: string[] }; html?: string };
    }[];
  }[];
}

// Each run starts a Chromium (~300 MB and a core): never more than two at once.
const maxRunning = 2;
let running = 0;
const waiting: (() => void)[] = [];

/** Waits for a free slot among the `maxRunning` Ace runs. */
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

/** Checks `epub` with Ace (at most two runs at a time) and lists every violation of any impact. */
export async function ace(epub: string): Promise<AceViolation[]> {
  await acquire();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ace-'));
  try {
    await new Promise<void>((resolve, reject) => {
      const env = { ...process.env, PUPPETEER_EXECUTABLE_PATH: chromium };
      execFile(aceBin, ['--force', '--silent', '--outdir', dir, epub], { env, maxBuffer: 16 * 1024 * 1024 }, (error, _stdout, stderr) => {
        if (fs.existsSync(path.join(dir, 'report.json'))) resolve();
        else reject(new Error(`Ace wrote no report for ${epub}: ${error?.message ?? ''}\n${stderr}`));
      });
    });
    const report = JSON.parse(fs.readFileSync(path.join(dir, 'report.json'), 'utf8')) as AceReport;
    return report.assertions.flatMap((subject) =>
      (subject.assertions ?? []).map((a) => ({
        impact: a['earl:test']['earl:impact'],
        rule: a['earl:test']['dct:title'],
        description: a['earl:test']['dct:description'],
        document: subject['earl:testSubject'].url,
        selector: a['earl:result']['earl:pointer']?.css?.join(' ') ?? '',
        html: (a['earl:result'].html ?? '').slice(0, 200),
      })),
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    release();
  }
}

/** The violations as `impact rule document selector: html` lines, for assertion failures. */
export function formatViolations(violations: AceViolation[]): string {
  return violations.map((v) => `${v.impact} ${v.rule} ${v.document} ${v.selector}: ${v.description} ${v.html}`).join('\n');
}
