/** Single-key commands in the terminal (`p` PDF, `e` EPUB, `q` quit), when stdin is a terminal. */
import { log } from '../log.js';

/** Listens for the keys in `actions`; returns the function that gives the terminal back. */
export function listenForKeys(actions: Record<string, () => void>): () => void {
  const input = process.stdin;
  if (!input.isTTY) return () => undefined;
  input.setRawMode(true);
  input.setEncoding('utf8');
  const onData = (key: string): void => {
    // Raw mode turns Ctrl-C into a plain byte instead of SIGINT.
    const action = actions[key === '\u0003' ? 'ctrl-c' : key.toLowerCase()];
    if (action) action();
  };
  input.on('data', onData);
  input.resume();
  log('Keys: p = build PDF, e = build EPUB, q = quit');
  return () => {
    input.off('data', onData);
    input.setRawMode(false);
    // A paused stdin no longer keeps the process alive.
    input.pause();
  };
}
