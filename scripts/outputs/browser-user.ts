/**
 * Who is using the shared Chromium. It is started once, lazily, by whatever first needs it (the
 * PDF, a diagram, the EPUB's cover); the caller names itself here so that the browser's log lines
 * (outputs/pdf/browser.ts) say what started it. Kept apart from the launcher so that naming the
 * user loads no browser code.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

const browserUser = new AsyncLocalStorage<string>();

/** Runs `work` as `user` (e.g. "EPUB cover"): a Chromium that it starts is logged under that name. */
export function asBrowserUser<T>(user: string, work: () => T): T {
  return browserUser.run(user, work);
}

/** The name of the work that is asking for the browser, else the PDF (which prints with it). */
export function browserUserName(): string {
  return browserUser.getStore() ?? 'PDF';
}
