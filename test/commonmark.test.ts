/**
 * Every example of the CommonMark spec (npm package commonmark-spec) goes through the real
 * pipeline — configuration, manuscript model, EPUB rendering — and every chapter document that
 * comes out must be well-formed, namespace-correct XML. The examples form one book (one chapter
 * file each), so the whole spec takes about two seconds.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../scripts/config/load.js';
import { Diagnostics } from '../scripts/diagnostics.js';
import { loadManuscript } from '../scripts/manuscript/load.js';
import type { Manuscript } from '../scripts/manuscript/model.js';
import { buildEpub } from '../scripts/outputs/epub/index.js';
import { PdfRenderer } from '../scripts/outputs/pdf/render.js';
import { removeTempDirs, tempDir } from './helpers/cli.js';
import { readEpub } from './helpers/epub.js';
import { elements, NS, parseXml } from './helpers/xml.js';

/** One example of the spec, as the package exports it. */
interface SpecExample {
  markdown: string;
  html: string;
  section: string;
  number: number;
}

const spec = createRequire(import.meta.url)('commonmark-spec') as { tests: SpecExample[] };
// The spec writes tabs as → so that they can be seen.
const examples = spec.tests.map((t) => ({ ...t, markdown: t.markdown.replace(/→/g, '\t') }));
const sections = [...new Set(examples.map((e) => e.section))];

/** The chapter file an example is written to (`manuscript/0042.md`). */
function exampleFile(number: number): string {
  return `${String(number).padStart(4, '0')}.md`;
}

let manuscript: Manuscript;
let entries: Map<string, Buffer>;
/** Example number -> the chapter documents (zip entry names) made from it. */
const documentsOf = new Map<number, string[]>();

before(async () => {
  const root = tempDir('commonmark-');
  fs.mkdirSync(path.join(root, 'manuscript'));
  fs.writeFileSync(path.join(root, 'manuscript', 'book.yaml'), 'title: CommonMark examples\nauthor: CommonMark\nlanguage: en\nidentifier: urn:uuid:00000000-0000-4000-a000-000000000652\n');
  for (const example of examples) fs.writeFileSync(path.join(root, 'manuscript', exampleFile(example.number)), example.markdown);
  const diagnostics = new Diagnostics();
  manuscript = await loadManuscript(loadConfig(root, diagnostics), diagnostics);
  const epubFile = path.join(root, 'examples.epub');
  // The typographic cover is drawn in Chromium, started for it alone.
  const renderer = new PdfRenderer();
  try {
    fs.writeFileSync(epubFile, (await buildEpub(manuscript, diagnostics, () => renderer.chromium())).data);
  } finally {
    await renderer.close();
  }
  entries = await readEpub(epubFile);
  for (const chapter of manuscript.chapters) {
    const number = Number(path.basename(chapter.source, '.md'));
    documentsOf.set(number, [...(documentsOf.get(number) ?? []), `OEBPS/${chapter.id}.xhtml`]);
  }
});

after(removeTempDirs);

describe('CommonMark spec examples through the EPUB pipeline', () => {
  it('should read all 652 examples of the spec', () => {
    assert.equal(examples.length, 652);
  });

  it('should make a chapter document from every example that holds text', () => {
    const missing = examples.filter((e) => e.markdown.trim() !== '' && !documentsOf.has(e.number)).map((e) => e.number);
    // Example 98 is `---\n---\n`: by design (YAML front matter) an empty front matter block, not two rules.
    assert.deepEqual(missing, [98]);
  });

  for (const section of sections) {
    it(`should give well-formed XHTML for every example of "${section}"`, () => {
      const failures: string[] = [];
      for (const example of examples.filter((e) => e.section === section)) {
        for (const name of documentsOf.get(example.number) ?? []) {
          const data = entries.get(name);
          if (!data) {
            failures.push(`example ${example.number}: ${name} is not in the EPUB`);
            continue;
          }
          try {
            const doc = parseXml(data.toString('utf8'));
            if (elements(doc, NS.xhtml, 'body').length !== 1) failures.push(`example ${example.number}: no XHTML body`);
          } catch (error) {
            failures.push(`example ${example.number} ${JSON.stringify(example.markdown)}: ${(error as Error).message.split('\n')[0]}`);
          }
        }
      }
      assert.deepEqual(failures, [], `not well-formed:\n${failures.join('\n')}`);
    });
  }
});
