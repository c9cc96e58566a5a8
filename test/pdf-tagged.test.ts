/**
 * The tagged PDF of a book with every kind of picture and a note, read back with qpdf (`--check`
 * and `--json`: the catalog, the structure tree, its parent tree) and poppler (`pdfinfo -meta`,
 * `pdfinfo -struct-text`): the language, the title the viewer shows, a text alternative on every
 * Figure (pictures, SVG drawn into the page, Mermaid diagrams, formulas), and the note read after
 * its paragraph.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { copyFixture, removeTempDirs, runCli } from './helpers/cli.js';
import { pdfinfo } from './helpers/poppler.js';

/** A value in qpdf's JSON: `"3 0 R"` references, `/Name`s, `u:` text strings, numbers, arrays, dictionaries. */
type Value = string | number | boolean | null | Value[] | { [key: string]: Value };

/** The PDF's objects as qpdf --json (version 2) lists them, with a resolver for references. */
interface Objects {
  get(value: Value | undefined): Value | undefined;
  root: Record<string, Value>;
}

/** Reads a PDF's objects through qpdf. */
function readObjects(pdf: string): Objects {
  const json = JSON.parse(execFileSync('qpdf', ['--json=2', '--json-key=qpdf', pdf], { encoding: 'utf8', maxBuffer: 1 << 28 })) as {
    qpdf: [unknown, Record<string, { value?: Value; stream?: { dict: Value } }>];
  };
  const objects = json.qpdf[1];
  const get = (value: Value | undefined): Value | undefined => {
    if (typeof value !== 'string' || !/^\d+ \d+ R$/.test(value)) return value;
    const object = objects[`obj:${value}`];
    return object?.value ?? object?.stream?.dict;
  };
  const trailer = objects.trailer?.value as Record<string, Value>;
  return { get, root: get(trailer['/Root']) as Record<string, Value> };
}

/** A dictionary, or an empty one for anything else. */
function dict(value: Value | undefined): Record<string, Value> {
  return value && typeof value === 'object' && !Array.isArray(value) ? value : {};
}

/** A text string's text (qpdf writes them as `u:…`). */
function text(value: Value | undefined): string | undefined {
  return typeof value === 'string' && value.startsWith('u:') ? value.slice(2) : undefined;
}

/** A structure element with its tag, its entries and whether it is reachable from the root. */
interface Element {
  ref: string;
  tag: string;
  entry: Record<string, Value>;
}

/** The structure elements under the StructTreeRoot, in reading order (depth first). */
function structureElements(objects: Objects): Element[] {
  const found: Element[] = [];
  const walk = (value: Value | undefined): void => {
    if (Array.isArray(value)) return value.forEach(walk);
    const entry = dict(objects.get(value));
    if (typeof entry['/S'] !== 'string') return undefined;
    found.push({ ref: String(value), tag: entry['/S'], entry });
    return walk(entry['/K']);
  };
  walk(dict(objects.get(objects.root['/StructTreeRoot']))['/K']);
  return found;
}

/** A node of `pdfinfo -struct-text`'s tree: a tag line with its children, or a quoted text. */
interface StructNode {
  line: string;
  children: StructNode[];
}

/** Parses `pdfinfo -struct-text` (two spaces of indent per level) into a tree. */
function structText(pdf: string): StructNode {
  const root: StructNode = { line: '', children: [] };
  const stack: [number, StructNode][] = [[-1, root]];
  for (const line of execFileSync('pdfinfo', ['-struct-text', pdf], { encoding: 'utf8' }).split('\n')) {
    if (!line.trim()) continue;
    const depth = line.length - line.trimStart().length;
    const node: StructNode = { line: line.trim(), children: [] };
    while ((stack.at(-1) as [number, StructNode])[0] >= depth) stack.pop();
    (stack.at(-1) as [number, StructNode])[1].children.push(node);
    stack.push([depth, node]);
  }
  return root;
}

/** The text under a node, its quoted lines joined. */
function nodeText(node: StructNode): string {
  return (/^"(.*)"$/.exec(node.line)?.[1] ?? '') + node.children.map(nodeText).join('');
}

/** Every node of the tree, in document order. */
function allNodes(node: StructNode): StructNode[] {
  return [node, ...node.children.flatMap(allNodes)];
}

describe('tagged PDF of a book with pictures, a formula and a note', () => {
  let pdf: string;
  let objects: Objects;

  before(async () => {
    const dir = copyFixture('pdf-tagged');
    const run = await runCli(['build', dir, '--format', 'pdf']);
    assert.equal(run.code, 0, run.stderr);
    pdf = path.join(dir, 'dist', 'pdf-tagged.pdf');
    objects = readObjects(pdf);
  });
  after(removeTempDirs);

  it('should pass qpdf --check', () => {
    // qpdf exits non-zero on errors, and says so on stdout for what it only warns about.
    const out = execFileSync('qpdf', ['--check', pdf], { encoding: 'utf8' });
    assert.match(out, /No syntax or stream encoding errors found/);
    assert.doesNotMatch(out, /WARNING/i);
  });

  it("should carry the book's language tag on the catalog and the Document element, as text", () => {
    assert.equal(text(objects.root['/Lang']), 'ko-KR');
    const document = structureElements(objects)[0];
    assert.equal(document?.tag, '/Document');
    assert.equal(text(document?.entry['/Lang']), 'ko-KR');
  });

  it('should show the title and subtitle in the title bar, from Info and XMP alike', () => {
    assert.equal(dict(objects.get(objects.root['/ViewerPreferences']))['/DisplayDocTitle'], true);
    assert.equal(pdfinfo(pdf).fields.get('Title'), '태그가 있는 책: 그림과 각주');
    const xmp = execFileSync('pdfinfo', ['-meta', pdf], { encoding: 'utf8' });
    assert.match(xmp, /<dc:title><rdf:Alt><rdf:li xml:lang="x-default">태그가 있는 책: 그림과 각주<\/rdf:li><\/rdf:Alt><\/dc:title>/);
    assert.match(xmp, /<dc:language><rdf:Bag><rdf:li>ko-KR<\/rdf:li><\/rdf:Bag><\/dc:language>/);
  });

  it('should be marked, with its structure tree reachable from the catalog', () => {
    assert.equal(dict(objects.root['/MarkInfo'])['/Marked'], true);
    assert.equal(dict(objects.get(objects.root['/StructTreeRoot']))['/Type'], '/StructTreeRoot');
    // Chromium's PDF 2.0 types (Strong for <strong>, Aside, ...) are role-mapped for PDF 1.7 readers.
    const roles = dict(objects.get(dict(objects.get(objects.root['/StructTreeRoot']))['/RoleMap']));
    assert.equal(roles['/Strong'], '/Span');
    assert.equal(roles['/Aside'], '/Div');
    assert.ok(structureElements(objects).length > 20);
  });

  it('should keep the parent tree whole: every page and link points at elements of the tree', () => {
    const reachable = new Set(structureElements(objects).map((e) => e.ref));
    const treeRoot = dict(objects.get(objects.root['/StructTreeRoot']));
    const entries = new Map<number, Value>();
    const collect = (node: Value | undefined): void => {
      const nums = dict(objects.get(node))['/Nums'];
      if (Array.isArray(nums)) for (let i = 0; i + 1 < nums.length; i += 2) entries.set(nums[i] as number, nums[i + 1] as Value);
      const kids = dict(objects.get(node))['/Kids'];
      if (Array.isArray(kids)) kids.forEach(collect);
    };
    collect(treeRoot['/ParentTree']);
    assert.ok(Math.max(...entries.keys()) < (treeRoot['/ParentTreeNextKey'] as number));
    const pages: Value[] = [];
    const pagesOf = (node: Value | undefined): void => {
      const entry = dict(objects.get(node));
      if (entry['/Type'] === '/Pages') (entry['/Kids'] as Value[]).forEach(pagesOf);
      else pages.push(node as Value);
    };
    pagesOf(objects.root['/Pages']);
    let marked = 0;
    for (const [i, page] of pages.entries()) {
      const entry = dict(objects.get(page));
      const key = entry['/StructParents'];
      // Blank pages the assembly inserts have no content to tag.
      if (typeof key !== 'number') continue;
      marked++;
      const parents = objects.get(entries.get(key));
      assert.ok(Array.isArray(parents), `page ${i + 1}: StructParents ${key} is not in the parent tree`);
      for (const parent of parents) assert.ok(parent === null || reachable.has(String(parent)), `page ${i + 1}: ${String(parent)} is not in the structure tree`);
      for (const annotation of (objects.get(entry['/Annots']) as Value[] | undefined) ?? []) {
        const annotationKey = dict(objects.get(annotation))['/StructParent'];
        if (typeof annotationKey === 'number') assert.ok(reachable.has(String(entries.get(annotationKey))), `page ${i + 1}: annotation ${String(annotation)} has no element`);
      }
    }
    assert.ok(marked >= 4, `${marked} tagged pages`);
  });

  it("should give every Figure its picture's text alternative, and leave the decorative image and the figure groups without one", () => {
    const figures = structureElements(objects).filter((e) => e.tag === '/Figure');
    const alts = figures.map((f) => text(f.entry['/Alt']) ?? '');
    assert.deepEqual(alts.slice(0, 4), ['막대그래프: 빌드 시간이 절반으로 줄었다', '레이어가 쌓인 이미지의 구조', '서버와 클라이언트의 구조', '그림 1-2 컨테이너 시작 과정']);
    // Mermaid's generated text alternative names the drawn labels.
    assert.match(alts[4] ?? '', /빌드.*배포/);
    // A formula is a picture whose alternative is its TeX (KaTeX's HTML would otherwise leave it untagged).
    assert.equal(alts[5], '\\pi r^2');
    assert.equal(alts.length, 6, alts.join('\n'));
    // The <figure> around a picture and its caption groups them: a Div, whose Caption is read after the picture.
    const tree = allNodes(structText(pdf));
    const groups = tree.filter((n) => n.line === 'Div' && n.children[0]?.line === 'Figure');
    assert.deepEqual(groups.map((g) => g.children.map((c) => c.line)), [['Figure', 'Caption'], ['Figure', 'Caption'], ['Figure']]);
    assert.equal(nodeText(groups[0]?.children[1] as StructNode), '그림 1-1 이미지 레이어');
  });

  it('should tag the note reference and the note number as links, and read the note after its paragraph', () => {
    const tree = allNodes(structText(pdf));
    const paragraph = tree.findIndex((n) => n.line.startsWith('P ') && nodeText(n).startsWith('도커 이미지는 읽기 전용 레이어로'));
    // At the page foot, the note is read inside its paragraph, after the paragraph's text.
    const note = tree.findIndex((n) => n.line.startsWith('P ') && nodeText(n).startsWith('1.') && nodeText(n).includes('레이어는 여러 이미지가 함께 씁니다.'));
    const last = tree.findIndex((n) => n.line.startsWith('P ') && nodeText(n) === '그림 다음의 마지막 문단입니다.');
    assert.ok(paragraph >= 0 && note >= 0 && last >= 0, 'paragraph, note or last paragraph not found in the structure');
    assert.ok(paragraph < note && note < last, `reading order: paragraph ${paragraph}, note ${note}, last paragraph ${last}`);
    const links = (i: number): string[] => allNodes(tree[i] as StructNode).filter((n) => n.line.startsWith('Link')).map(nodeText);
    // The paragraph's own reference, then (in the note it holds) the note's number back to it.
    assert.deepEqual(links(paragraph), ['1', '1.']);
    assert.deepEqual(links(note), ['1.']);
  });
});
