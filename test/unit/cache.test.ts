/** The one cache: keys, the memory and disk stores, sweeps, and every cached value kind on disk. */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { PDFDocument } from 'pdf-lib';
import { VFileMessage } from 'vfile-message';
import { Cache } from '../../scripts/cache/cache.js';
import { withMessagesAndLazyTree } from '../../scripts/cache/codec.js';
import { DiskStore } from '../../scripts/cache/disk-store.js';
import { hashParts, toolVersion } from '../../scripts/cache/key.js';
import { MemoryStore } from '../../scripts/cache/memory-store.js';
import type { Codec, Key, Store } from '../../scripts/cache/store.js';
import { labelsFor } from '../../scripts/config/labels.js';
import { loadConfig } from '../../scripts/config/load.js';
import { Diagnostics } from '../../scripts/diagnostics.js';
import { loadManuscript } from '../../scripts/manuscript/load.js';
import { ManuscriptParser } from '../../scripts/manuscript/parse.js';
import type { PrintedDocument } from '../../scripts/outputs/pdf/render.js';
import { solidPng } from '../helpers/png.js';
import { tempTree } from './helpers.js';

/** A store that passes everything to another and records what was stored and what was hit. */
class SpyStore implements Store {
  readonly stored = new Map<string, unknown>();
  readonly hits: { key: Key; value: unknown }[] = [];

  constructor(private readonly inner: Store) {}

  /** Reads through, recording hits. */
  get<T>(key: Key, codec: Codec<T>): T | undefined {
    const value = this.inner.get(key, codec);
    if (value !== undefined) this.hits.push({ key, value });
    return value;
  }

  /** Writes through, recording the value. */
  set<T>(key: Key, value: T, codec: Codec<T>): void {
    this.stored.set(`${key.namespace}/${key.hash}`, value);
    this.inner.set(key, value, codec);
  }

  /** Deletes through. */
  delete(key: Key): void {
    this.inner.delete(key);
  }

  /** Sweeps through. */
  sweep(namespace: string, keep: ReadonlySet<string>): void {
    this.inner.sweep(namespace, keep);
  }
}

/** The names of the files in a namespace's folder, sorted. */
function filesOf(cacheDir: string, namespace: string): string[] {
  const dir = path.join(cacheDir, 'build', namespace);
  return fs.existsSync(dir) ? fs.readdirSync(dir).sort() : [];
}

/**
 * A small book in a fresh folder: two chapters, a link between them, an image, and a message from
 * each stage (an invisible character, a heading without text, a broken link).
 */
function book(): string {
  return tempTree({
    'manuscript/book.yaml': 'title: 책\nauthor: 저자\nlanguage: ko\nidentifier: urn:uuid:0f8fad5b-d9cb-469f-a165-70867728950e\n',
    'manuscript/01-a.md': '# 하나\n\n## 개요\n\n첫\uFFFC 문단.\n\n![점](images/dot.png)\n',
    'manuscript/02-b.md': '# 둘\n\n## 개요\n\n[앞 장](01-a.md#개요) [없는 곳](01-a.md#없음)\n\n##\n',
    'manuscript/images/dot.png': solidPng(2, 2, [10, 20, 30]),
  });
}

/** Loads `root` with a parser over `cache`, failing on errors. */
async function load(root: string, cache: Cache) {
  const diagnostics = new Diagnostics();
  const config = loadConfig(root, diagnostics);
  const manuscript = await loadManuscript(config, diagnostics, new ManuscriptParser(config.labels, { cache, language: config.language }));
  assert.equal(diagnostics.failed(false), false, JSON.stringify(diagnostics.list));
  return { manuscript, diagnostics: diagnostics.list };
}

describe('cache/key.ts', () => {
  test('should change a key with its parts, its namespace and the tool version', () => {
    const a = new Cache({ version: '1' });
    const key = a.namespace('one').key('x', 'y').hash;
    assert.equal(a.namespace('one').key('x', 'y').hash, key);
    assert.notEqual(a.namespace('one').key('x', 'z').hash, key);
    assert.notEqual(a.namespace('two').key('x', 'y').hash, key);
    assert.notEqual(new Cache({ version: '2' }).namespace('one').key('x', 'y').hash, key);
  });

  test('should not confuse parts that join to the same text', () => {
    assert.notEqual(hashParts('ab', 'c'), hashParts('a', 'bc'));
    assert.notEqual(hashParts('a\u0000b'), hashParts('a', 'b'));
  });

  test("should stamp keys with package.json's version and the sources, once per process", () => {
    const { version } = JSON.parse(fs.readFileSync(fileURLToPath(new URL('../../package.json', import.meta.url)), 'utf8')) as { version: string };
    assert.match(toolVersion(), new RegExp(`^${version.replace(/\./g, '\\.')}\\+[0-9a-f]{16}$`));
    assert.equal(toolVersion(), toolVersion());
    assert.equal(new Cache().namespace('n').key('p').hash, new Cache({ version: toolVersion() }).namespace('n').key('p').hash);
  });

  test('should refuse a namespace that is not a plain folder name', () => {
    assert.throws(() => new Cache().namespace('../up'), /not a plain folder name/);
  });
});

describe('cache/memory-store.ts', () => {
  test('should hand out the stored value itself, and miss what was never stored or was deleted', () => {
    const ns = new Cache({ version: '1' }).namespace<{ n: number }>('values');
    const value = { n: 1 };
    ns.set(ns.key('a'), value);
    assert.equal(ns.get(ns.key('a')), value);
    assert.equal(ns.get(ns.key('b')), undefined);
    ns.delete(ns.key('a'));
    assert.equal(ns.get(ns.key('a')), undefined);
  });

  test('should sweep the entries not used since the last sweep, except those it is told to keep', () => {
    const ns = new Cache({ store: new MemoryStore(), version: '1' }).namespace<string>('values');
    for (const name of ['used', 'unused', 'kept']) ns.set(ns.key(name), name);
    ns.sweep();
    ns.get(ns.key('used'));
    ns.sweep([ns.key('kept')]);
    assert.deepEqual(['used', 'unused', 'kept'].map((name) => ns.get(ns.key(name))), ['used', undefined, 'kept']);
  });

  test('should sweep one namespace without touching another', () => {
    const cache = new Cache({ version: '1' });
    const one = cache.namespace<string>('one');
    const two = cache.namespace<string>('two');
    one.set(one.key('a'), 'a');
    two.set(two.key('a'), 'b');
    one.sweep();
    two.sweep();
    // Neither was used since: the next sweep of `one` drops only its own entry.
    one.sweep();
    assert.equal(one.get(one.key('a')), undefined);
    assert.equal(two.get(two.key('a')), 'b');
  });
});

describe('cache/disk-store.ts', () => {
  test('should write entries under .cache/build/<namespace>/<hash> and read equal copies back in another store', () => {
    const cacheDir = path.join(tempTree({}), '.cache');
    const ns = new Cache({ store: new DiskStore(cacheDir), version: '1' }).namespace<unknown>('values');
    const value = { map: new Map([['a', [1, 2]]]), set: new Set(['x']), data: Buffer.from('bytes'), view: new Uint8Array([1, 2, 3]), nested: { none: undefined } };
    const key = ns.key('v');
    ns.set(key, value);
    assert.deepEqual(filesOf(cacheDir, 'values'), [key.hash]);
    const again = new Cache({ store: new DiskStore(cacheDir), version: '1' }).namespace<typeof value>('values').get(key);
    assert.notEqual(again, value);
    assert.deepEqual(again, value);
    assert.ok(Buffer.isBuffer(again?.data));
  });

  test('should never read an entry another version of the tool wrote', () => {
    const cacheDir = path.join(tempTree({}), '.cache');
    const old = new Cache({ store: new DiskStore(cacheDir), version: '1' }).namespace<string>('values');
    old.set(old.key('v'), 'old');
    const current = new Cache({ store: new DiskStore(cacheDir), version: '2' }).namespace<string>('values');
    assert.equal(current.get(current.key('v')), undefined);
  });

  test('should take a corrupt or unreadable entry for a miss, and replace it on the next write', () => {
    const cacheDir = path.join(tempTree({}), '.cache');
    const ns = new Cache({ store: new DiskStore(cacheDir), version: '1' }).namespace<{ text: string }>('values');
    const key = ns.key('v');
    const file = path.join(cacheDir, 'build', 'values', key.hash);
    ns.set(key, { text: 'a value long enough to be cut somewhere in its middle' });
    const whole = fs.readFileSync(file);
    const flipped = Buffer.from(whole);
    flipped[flipped.length - 5] ^= 0xff;
    for (const bytes of [whole.subarray(0, whole.length - 10), whole.subarray(0, 20), flipped, Buffer.from('not an entry'), Buffer.alloc(0)]) {
      fs.writeFileSync(file, bytes);
      assert.equal(ns.get(key), undefined);
    }
    fs.rmSync(file);
    fs.mkdirSync(file);
    assert.equal(ns.get(key), undefined, 'a folder in place of the file');
    fs.rmSync(file, { recursive: true });
    ns.set(key, { text: 'new' });
    assert.deepEqual(ns.get(key), { text: 'new' });
  });

  test('should go on without a cache when its folder cannot be written', () => {
    const root = tempTree({ '.cache': 'a file where the folder should be' });
    const ns = new Cache({ store: new DiskStore(path.join(root, '.cache')), version: '1' }).namespace<string>('values');
    ns.set(ns.key('v'), 'value');
    assert.equal(ns.get(ns.key('v')), undefined);
    ns.sweep();
  });

  test('should sweep the files not used since the last sweep, and leave the fresh temporary files of other writers', () => {
    const cacheDir = path.join(tempTree({}), '.cache');
    const ns = new Cache({ store: new DiskStore(cacheDir), version: '1' }).namespace<string>('values');
    for (const name of ['used', 'unused']) ns.set(ns.key(name), name);
    const dir = path.join(cacheDir, 'build', 'values');
    fs.writeFileSync(path.join(dir, 'x.123.abcd.tmp'), 'being written');
    fs.writeFileSync(path.join(dir, 'y.456.abcd.tmp'), 'left by a writer that died');
    fs.utimesSync(path.join(dir, 'y.456.abcd.tmp'), new Date(0), new Date(0));
    ns.sweep();
    // A new build (a new process) uses one entry, then sweeps.
    const next = new Cache({ store: new DiskStore(cacheDir), version: '1' }).namespace<string>('values');
    assert.equal(next.get(next.key('used')), 'used');
    next.sweep();
    assert.deepEqual(filesOf(cacheDir, 'values'), [next.key('used').hash, 'x.123.abcd.tmp'].sort());
  });

  test('should keep an entry whole while processes write the same key at once', async () => {
    const cacheDir = path.join(tempTree({}), '.cache');
    const module = fileURLToPath(new URL('../../scripts/cache/disk-store.ts', import.meta.url));
    const size = 256 * 1024;
    // Each writer fills its value with its own number, so a mix of two writes would show.
    const writer = (n: number) => `
      import { DiskStore } from ${JSON.stringify(module)};
      const store = new DiskStore(${JSON.stringify(cacheDir)});
      const codec = { encode: (v) => v, decode: (v) => v };
      for (let i = 0; i < 40; i++) store.set({ namespace: 'values', hash: 'same' }, Buffer.alloc(${size}, ${n}), codec);`;
    const run = promisify(execFile);
    const writers = Promise.all([1, 2, 3, 4].map((n) => run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', writer(n)])));
    let done = false;
    void writers.finally(() => (done = true));
    const store = new DiskStore(cacheDir);
    const codec: Codec<Buffer> = { encode: (v) => v, decode: (v) => v as Buffer };
    let seen = 0;
    while (!done) {
      const value = store.get({ namespace: 'values', hash: 'same' }, codec);
      if (value) {
        seen++;
        assert.equal(value.length, size);
        assert.ok(value.every((byte) => byte === value[0]) && [1, 2, 3, 4].includes(value[0] as number), 'one writer\'s value, whole');
      }
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    await writers;
    assert.ok(store.get({ namespace: 'values', hash: 'same' }, codec), 'an entry is there at the end');
    assert.deepEqual(filesOf(cacheDir, 'values'), ['same'], `no temporary file is left (read ${seen} entries meanwhile)`);
  });
});

describe('cache/codec.ts', () => {
  test('should leave a tree serialized until it is read, then give it back equal, and let it be replaced', () => {
    const cacheDir = path.join(tempTree({}), '.cache');
    const codec = withMessagesAndLazyTree<{ tree: { type: string; children: unknown[] }; messages: VFileMessage[] }>();
    const key = { namespace: 'lazy', hash: 'a' };
    const tree = { type: 'root', children: [{ type: 'text', value: '본문' }] };
    new DiskStore(cacheDir).set(key, { tree, messages: [new VFileMessage('경고')] }, codec);
    const hit = new DiskStore(cacheDir).get(key, codec);
    assert.ok(hit);
    assert.equal(typeof Object.getOwnPropertyDescriptor(hit, 'tree')?.get, 'function', 'not decoded yet');
    assert.deepEqual(hit.tree, tree);
    assert.equal(hit.tree, hit.tree, 'decoded once');
    assert.ok(hit.messages[0] instanceof VFileMessage);
    hit.tree = { type: 'root', children: [] };
    assert.deepEqual(hit.tree, { type: 'root', children: [] });
  });
});

describe('every cached value kind through the disk store', () => {
  test('should give back a parsed file equal to the one stored, its messages rebuilt as vfile messages', () => {
    const dir = tempTree({ 'a.md': '---\ntitle: 글\n---\n{% include x %}\n\n# 제목\n\n본\uFFFC문\n\n# 둘\n\n| a |\n|---|\n| b |\n' });
    const cacheDir = path.join(dir, '.cache');
    const first = new ManuscriptParser(labelsFor('ko'), { cache: new Cache({ store: new DiskStore(cacheDir) }) }).parse(path.join(dir, 'a.md'));
    const spy = new SpyStore(new DiskStore(cacheDir));
    const second = new ManuscriptParser(labelsFor('ko'), { cache: new Cache({ store: spy }) }).parse(path.join(dir, 'a.md'));
    assert.deepEqual(spy.hits.map((h) => h.key.namespace), ['parsed-file']);
    assert.notEqual(second, first);
    assert.deepEqual(second, first);
    assert.deepEqual(
      second.messages.map((m) => [m.ruleId, m.line, m.column]),
      [
        ['invisible-character', 8, 2],
        ['liquid', 4, 1],
      ],
    );
    for (const message of second.messages) assert.ok(message instanceof VFileMessage);
  });

  test('should give back the ids and the resolved chapters (Maps, assets with Buffers) equal to those stored', async () => {
    const root = book();
    const cacheDir = path.join(root, '.cache');
    const writing = new SpyStore(new DiskStore(cacheDir));
    const first = await load(root, new Cache({ store: writing }));
    const reading = new SpyStore(new DiskStore(cacheDir));
    const second = await load(root, new Cache({ store: reading }));

    assert.deepEqual(reading.hits.map((h) => h.key.namespace).sort(), ['chapter-ids', 'chapter-ids', 'chapter-links', 'chapter-links', 'parsed-file', 'parsed-file']);
    for (const { key, value } of reading.hits) assert.deepEqual(value, writing.stored.get(`${key.namespace}/${key.hash}`), key.namespace);
    const ids = reading.hits.find((h) => h.key.namespace === 'chapter-ids')?.value as { anchors: unknown };
    assert.ok(ids.anchors instanceof Map);
    const [asset] = [...second.manuscript.assets.values()];
    assert.ok(asset && Buffer.isBuffer(asset.data));

    assert.deepEqual(second.manuscript.chapters, first.manuscript.chapters);
    assert.deepEqual(second.manuscript.assets, first.manuscript.assets);
    assert.deepEqual(second.diagnostics, first.diagnostics);
    assert.deepEqual(
      second.diagnostics.map((d) => d.ruleId),
      ['invisible-character', 'empty-heading', 'broken-link'],
    );
    for (const d of second.diagnostics) assert.ok(d instanceof VFileMessage);
  });

  test('should give back a printed chapter PDF equal to the one stored', async () => {
    const doc = await PDFDocument.create();
    doc.addPage([300, 400]).drawText('page');
    const printed: PrintedDocument = {
      pdf: await doc.save(),
      images: [{ src: 'images/a.png', width: 120.5, height: 80 }],
      overflows: [{ tag: 'pre', text: 'long line', scrollWidth: 700, clientWidth: 500 }],
      looseLines: [{ id: 'book-loose-line-0', text: '설정 값은 .env 파일로', stretch: 0.39 }],
    };
    const cacheDir = path.join(tempTree({}), '.cache');
    const ns = new Cache({ store: new DiskStore(cacheDir) }).namespace<PrintedDocument>('printed-document');
    ns.set(ns.key('chapter'), printed);
    const again = new Cache({ store: new DiskStore(cacheDir) }).namespace<PrintedDocument>('printed-document').get(ns.key('chapter'));
    assert.deepEqual(again, printed);
    assert.equal((await PDFDocument.load(again?.pdf as Uint8Array)).getPageCount(), 1);
  });
});

describe('manuscript/load.ts with a cache', () => {
  test('should give each kept chapter tree a content address that stays while the chapter is unchanged', async () => {
    const root = book();
    const cache = new Cache();
    const first = await load(root, cache);
    fs.writeFileSync(path.join(root, 'manuscript', '01-a.md'), '# 하나\n\n## 개요\n\n고친 문단.\n');
    const second = await load(root, cache);
    const [a1, b1] = first.manuscript.chapters;
    const [a2, b2] = second.manuscript.chapters;
    assert.ok(a1?.treeKey && b1?.treeKey);
    assert.notEqual(a2?.treeKey, a1?.treeKey);
    assert.equal(b2?.treeKey, b1?.treeKey);
    assert.equal(b2?.tree, b1?.tree);
  });

  test('should give no content address without a cache', async () => {
    const root = book();
    const diagnostics = new Diagnostics();
    const manuscript = await loadManuscript(loadConfig(root, diagnostics), diagnostics);
    assert.deepEqual(
      manuscript.chapters.map((c) => c.treeKey),
      [undefined, undefined],
    );
  });
});
