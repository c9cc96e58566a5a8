/**
 * Finding and launching Chromium. The lookup order is fixed and each step is logged, so a build
 * always says which browser printed it: an explicit setting, a system Chromium or Chrome, then
 * puppeteer's own download.
 */
import { existsSync } from 'node:fs';
import puppeteer, { type Browser } from 'puppeteer';
import { BuildError } from '../../diagnostics.js';
import { log } from '../../log.js';

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
    log(`PDF: ${name}=${value} does not exist, looking further`);
  }
  const system = systemBrowsers.find((p) => existsSync(p));
  if (system) return { path: system, origin: 'system' };
  const own = puppeteerBrowser();
  if (own) return { path: own, origin: "puppeteer's download" };
  throw new BuildError(
    'PDF: no Chromium found. Install one (Debian/Ubuntu: apt-get install chromium; anywhere: npx puppeteer browsers install chrome) or set BOOK_CHROMIUM to a Chrome/Chromium executable',
  );
}

/** Puppeteer's own browser, when it was downloaded. */
function puppeteerBrowser(): string | undefined {
  try {
    const p = puppeteer.executablePath();
    return existsSync(p) ? p : undefined;
  } catch {
    return undefined;
  }
}

/** Launches a headless Chromium; puppeteer's own signal handlers stay off, the caller owns them. */
export async function launchBrowser(): Promise<Browser> {
  const choice = findBrowser();
  log(`PDF: using Chromium at ${choice.path} (${choice.origin})`);
  const args = ['--disable-gpu', '--font-render-hinting=none', '--disable-dev-shm-usage', '--disable-component-update'];
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  try {
    return await puppeteer.launch({
      executablePath: choice.path,
      headless: true,
      args,
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
  } catch (error) {
    throw new BuildError(`PDF: could not start Chromium at ${choice.path}: ${(error as Error).message.split('\n')[0]}`, { cause: error });
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
