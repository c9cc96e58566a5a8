/**
 * Codecs for the disk store: node:v8 serializes plain objects, arrays, Map, Set, Buffer and typed
 * arrays as they are, but an Error subclass comes back as a bare Error without its own fields, so
 * vfile messages (the tool's diagnostics) travel as plain fields and are rebuilt.
 */
import { deserialize, serialize } from 'node:v8';
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

/**
 * The codec of `withMessages` for values whose syntax tree a reader may not need (a chapter's
 * id-pass result is read again only when its links are redone): the tree stays serialized in the
 * entry and is decoded on its first read, which spares a rebuild a third of its deserializing.
 */
export function withMessagesAndLazyTree<T extends { messages: VFileMessage[]; tree: unknown }>(): Codec<T> {
  const messages = withMessages<T>();
  return {
    encode: (value) => ({ ...(messages.encode(value) as object), tree: serialize(value.tree) }),
    decode: (stored) => {
      const { tree, ...rest } = stored as { tree: Uint8Array };
      const value = messages.decode(rest);
      decodeOnRead(value, 'tree', tree);
      return value;
    },
  };
}

/** Makes `holder[key]` the value serialized in `bytes`, deserialized when it is first read (or replaced). */
function decodeOnRead(holder: object, key: string, bytes: Uint8Array): void {
  const settle = (value: unknown): unknown => {
    Object.defineProperty(holder, key, { value, enumerable: true, configurable: true, writable: true });
    return value;
  };
  Object.defineProperty(holder, key, { enumerable: true, configurable: true, get: () => settle(deserialize(bytes)), set: settle });
}

/** The vfile message whose own fields (reason, place, fatal, ruleId, ...) were kept. */
function messageFrom(plain: Record<string, unknown>): VFileMessage {
  return Object.assign(new VFileMessage(String(plain.reason)), plain);
}
