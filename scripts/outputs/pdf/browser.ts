/**
 * Finding and launching Chromium. The lookup order is fixed and each step is logged, so a build
 * always says which browser printed it: an explicit setting, a system Chromium or Chrome, then
 * puppeteer's own download.
 */
import { existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser } from 'puppeteer';
import { BuildError } from '../../diagnostics.js';
import { log } from '../../log.js';
import { browserUserName } from '../browser-user.js';

const systemBrowsers = [
  '/usr/lib/chromium/chromium',
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
];

/** The browser to use and where it was found. */
export interface BrowserChoice {
  path: string;
  origin: string;
}

/** Looks for a Chromium in the documented order; throws a BuildError saying how to get one. */
export function findBrowser(env: NodeJS.ProcessEnv = process.env): BrowserChoice {
  for (const name of ['BOOK_CHROMIUM', 'PUPPETEER_EXECUTABLE_PATH']) {
    const value = env[name];
    if (!value) continue;
    if (existsSync(value)) return { path: value, origin: name };
    log(`${browserUserName()}: ${name}=${value} does not exist, looking further`);
  }
  const system = systemBrowsers.find((p) => existsSync(p));
  if (system) return { path: system, origin: 'system' };
  const own = puppeteerBrowser();
  if (own) return { path: own, origin: "puppeteer's download" };
  throw new BuildError(
    `${browserUserName()}: no Chromium found. Install one (Debian/Ubuntu: apt-get install chromium; anywhere: npx puppeteer browsers install chrome) or set BOOK_CHROMIUM to a Chrome/Chromium executable`,
  );
}

/** Puppeteer's own browser, when it was downloaded. */
function puppeteerBrowser(): string | undefined {
  try {
    const p = puppeteer().executablePath();
    return existsSync(p) ? p : undefined;
  } catch {
    return undefined;
  }
}

/** The Chromium that prints, as its file's path, size and time: a stamp for cache keys that needs no launch. */
export function browserStamp(): string {
  const file = findBrowser().path;
  const stats = statSync(file);
  return `${file} ${stats.size} ${stats.mtimeMs}`;
}

/**
 * Puppeteer, loaded on first use: it takes about 0.4 s of CPU to load, which a build whose PDF
 * comes whole from the cache (book-cache.ts) never needs to spend.
 */
function puppeteer(): typeof import('puppeteer').default {
  return (createRequire(import.meta.url)('puppeteer') as typeof import('puppeteer')).default;
}

/** Launches a headless Chromium; puppeteer's own signal handlers stay off, the caller owns them. */
export async function launchBrowser(): Promise<Browser> {
  const choice = findBrowser();
  log(`${browserUserName()}: using Chromium at ${choice.path} (${choice.origin})`);
  const args = ['--disable-gpu', '--font-render-hinting=none', '--disable-dev-shm-usage', '--disable-component-update'];
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  try {
    return await puppeteer().launch({
      executablePath: choice.path,
      headless: true,
      args,
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
      // Over a pipe, not a socket: when the build dies, even by SIGKILL, which no handler sees, the
      // pipe closes and Chromium quits instead of living on without its owner.
      pipe: true,
    });
  } catch (error) {
    throw new BuildError(`${browserUserName()}: could not start Chromium at ${choice.path}: ${(error as Error).message.split('\n')[0]}`, { cause: error });
  }
}

/**
 * Kills the browser when the process is interrupted, then lets the signal take its usual course.
 * Returns the function that removes the handlers again.
 */
export function closeOnSignals(browser: Browser): () => void {
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  const handler = (signal: NodeJS.Signals): void => {
    browser.process()?.kill('SIGKILL');
    remove();
    // Nobody else listens: re-raise so the process ends as the signal intends (status 130/143).
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  };
  const remove = (): void => {
    for (const s of signals) process.off(s, handler);
  };
  for (const s of signals) process.on(s, handler);
  return remove;
}
