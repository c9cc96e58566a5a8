/**
 * Codecs for the disk store: node:v8 serializes plain objects, arrays, Map, Set, Buffer and typed
 * arrays as they are, but an Error subclass comes back as a bare Error without its own fields, so
 * vfile messages (the tool's diagnostics) travel as plain fields and are rebuilt.
 */
import { VFileMessage } from 'vfile-message';
import type { Codec } from './store.js';

/** The codec of values v8 serializes as they are. */
export function identity<T>(): Codec<T> {
  return { encode: (value) => value, decode: (stored) => stored as T };
}

/** The codec of values whose `messages` are vfile messages, the rest serializing as it is. */
export function withMessages<T extends { messages: VFileMessage[] }>(): Codec<T> {
  return {
    encode: (value) => ({ ...value, messages: value.messages.map((m) => ({ ...m })) }),
    decode: (stored) => {
      const plain = stored as Omit<T, 'messages'> & { messages: Record<string, unknown>[] };
      return { ...plain, messages: plain.messages.map(messageFrom) } as unknown as T;
    },
  };
}

/** The vfile message whose own fields (reason, place, fatal, ruleId, ...) were kept. */
function messageFrom(plain: Record<string, unknown>): VFileMessage {
  return Object.assign(new VFileMessage(String(plain.reason)), plain);
}
