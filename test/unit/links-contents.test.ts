/**
 * Links as mdBook, GitBook and Jekyll books write them, links to the repository's other files,
 * one warning per broken target, and how deep the contents go (book.yaml `toc`, `repository`).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { toHtml } from 'hast-util-to-html';
import { loadConfig, type BookConfig } from '../../scripts/config/load.js';
import { repositoryUrl } from '../../scripts/config/repository.js';
import { Diagnostics } from '../../scripts/diagnostics.js';
import { loadManuscript } from '../../scripts/manuscript/load.js';
import { ManuscriptParser } from '../../scripts/manuscript/parse.js';
import type { Chapter, Heading, Manuscript } from '../../scripts/manuscript/model.js';
import { resolveLink, type LinkTargets, type LinksOptions } from '../../scripts/markdown/rehype-links.js';
import { buildToc, flattenToc, printedEntriesWithH3, printedTocDepth, type TocEntry } from '../../scripts/outputs/toc.js';
import { plain, tempTree } from './helpers.js';

const identified = 'identifier: urn:uuid:0f8fad5b-d9cb-469f-a165-70867728950e\n';

describe('markdown/rehype-links.ts: the forms of other book tools', () => {
  const root = tempTree({
    'examples/app.py': 'print(1)\n',
    'examples/data/x.txt': 'x\n',
    'manuscript/drafts/old.md': '# Old\n',
    'site/page.html': '<p>page</p>\n',
  });
  const chapter = (rel: string) => path.join(root, 'manuscript', rel);

  /** intro.md (ch01), part/README.md (ch02), guide/index.md (ch03), other.markdown (ch04), setup.md (ch05). */
  function targets(): LinkTargets {
    return {
      files: new Map([
        [chapter('intro.md'), [{ href: 'ch01.xhtml', anchors: new Map([['소개', '소개']]) }]],
        [chapter('part/README.md'), [{ href: 'ch02.xhtml', anchors: new Map([['개요', '개요-1']]) }]],
        [chapter('guide/index.md'), [{ href: 'ch03.xhtml', anchors: new Map() }]],
        [chapter('other.markdown'), [{ href: 'ch04.xhtml', anchors: new Map() }]],
        [chapter('setup.md'), [{ href: 'ch05.xhtml', anchors: new Map([['linux', 'linux']]) }]],
      ]),
    };
  }

  /** Options for a link written in intro.md, with or without a repository. */
  function options(repository?: string): LinksOptions {
    return { targets: targets(), source: chapter('intro.md'), href: 'ch01.xhtml', root, repository };
  }

  const resolve = (href: string, repository?: string) => resolveLink(href, options(repository), new Set());

  test('should resolve other.html and other.html#x like other.md', () => {
    assert.deepEqual(resolve('setup.html'), { href: 'ch05.xhtml' });
    assert.deepEqual(resolve('setup.html#linux'), { href: 'ch05.xhtml#linux' });
    assert.deepEqual(resolve('other.html'), { href: 'ch04.xhtml' });
  });

  test('should resolve a folder, with or without its slash, to its README.md or index.md chapter', () => {
    assert.deepEqual(resolve('part/'), { href: 'ch02.xhtml' });
    assert.deepEqual(resolve('part'), { href: 'ch02.xhtml' });
    assert.deepEqual(resolve('part/#개요'), { href: 'ch02.xhtml#개요-1' });
    assert.deepEqual(resolve('guide/'), { href: 'ch03.xhtml' });
    assert.deepEqual(resolve('./guide'), { href: 'ch03.xhtml' });
  });

  test('should resolve folder/README.md, folder/index.md and mdBook’s folder/index.html', () => {
    assert.deepEqual(resolve('part/README.md#개요'), { href: 'ch02.xhtml#개요-1' });
    assert.deepEqual(resolve('guide/index.md'), { href: 'ch03.xhtml' });
    assert.deepEqual(resolve('part/index.html'), { href: 'ch02.xhtml' });
  });

  test('should resolve Jekyll’s pretty permalink other/ to other.md', () => {
    assert.deepEqual(resolve('setup/'), { href: 'ch05.xhtml' });
    assert.deepEqual(resolve('/manuscript/setup/#linux'), { href: 'ch05.xhtml#linux' });
  });

  test('should report what an unresolved .html or folder link looked for', () => {
    assert.deepEqual(resolve('missing.html'), { problem: `neither ${path.join('manuscript', 'missing.html')} nor ${path.join('manuscript', 'missing.md')} is a chapter of this book` });
    assert.deepEqual(resolve('../examples/'), { problem: `examples${path.sep} holds no chapter (README.md or index.md) of this book` });
    assert.deepEqual(resolve('setup.html#nowhere'), { problem: `no heading or anchor "#nowhere" in ${path.join('manuscript', 'setup.md')}` });
  });

  test('should keep a link to another file of the folder broken without a repository', () => {
    assert.deepEqual(resolve('../examples/app.py'), { problem: `${path.join('examples', 'app.py')} is not part of the book (only chapters and images are)` });
  });

  test('should point a link to a file that is no chapter at the repository, fragment kept', () => {
    const github = 'https://github.com/o/r';
    assert.deepEqual(resolve('../examples/app.py', github), { href: 'https://github.com/o/r/blob/HEAD/examples/app.py' });
    assert.deepEqual(resolve('../examples/app.py#L1', github), { href: 'https://github.com/o/r/blob/HEAD/examples/app.py#L1' });
    assert.deepEqual(resolve('/site/page.html', github), { href: 'https://github.com/o/r/blob/HEAD/site/page.html' });
    assert.deepEqual(resolve('drafts/old.md', github), { href: 'https://github.com/o/r/blob/HEAD/manuscript/drafts/old.md' });
  });

  test('should point a folder without a chapter at its tree view in the repository', () => {
    assert.deepEqual(resolve('../examples/data/', 'https://github.com/o/r'), { href: 'https://github.com/o/r/tree/HEAD/examples/data' });
  });

  test('should still prefer a chapter to the repository', () => {
    assert.deepEqual(resolve('part/', 'https://github.com/o/r'), { href: 'ch02.xhtml' });
  });

  test('should report a missing file rather than link to it in the repository', () => {
    assert.deepEqual(resolve('../examples/gone.py', 'https://github.com/o/r'), { problem: `${path.join('examples', 'gone.py')} does not exist` });
  });

  test('should still refuse a path that leaves the book, repository or not', () => {
    assert.deepEqual(resolve('../../elsewhere.py', 'https://github.com/o/r'), { problem: 'it leaves the book folder' });
  });
});

describe('config/repository.ts', () => {
  test('should show a file of a GitHub or GitLab repository on its default branch', () => {
    assert.equal(repositoryUrl('https://github.com/o/r', 'examples/app.py', false), 'https://github.com/o/r/blob/HEAD/examples/app.py');
    assert.equal(repositoryUrl('https://github.com/o/r.git/', 'examples', true), 'https://github.com/o/r/tree/HEAD/examples');
    assert.equal(repositoryUrl('https://gitlab.com/o/r', 'a.py', false), 'https://gitlab.com/o/r/-/blob/HEAD/a.py');
  });

  test('should append the path to any other address, as the folder of the book', () => {
    assert.equal(repositoryUrl('https://github.com/o/r/tree/main/guide', 'examples/app.py', false), 'https://github.com/o/r/tree/main/guide/examples/app.py');
    assert.equal(repositoryUrl('https://git.example.com/o/r/src/branch/main/', 'a b/예제.py', false), 'https://git.example.com/o/r/src/branch/main/a%20b/%EC%98%88%EC%A0%9C.py');
  });
});

describe('manuscript/load.ts: links across the book', () => {
  /** A book whose chapters link four times to one missing file and once to an example, with `yaml` added to book.yaml. */
  function book(yaml = ''): string {
    return tempTree({
      'manuscript/book.yaml': `title: 책\nauthor: 저자\nlanguage: ko\n${identified}${yaml}`,
      'manuscript/01-a.md': '# 하나\n\n[라이선스](../LICENSE) 그리고 [다시](../LICENSE)\n\n[예제](../examples/app.py)\n',
      'manuscript/02-b.md': '# 둘\n\n본문\n\n[라이선스](/LICENSE) [또](../LICENSE)\n\n[1장](01-a.html)\n',
      'examples/app.py': 'print(1)\n',
    });
  }

  /** Loads `root`, returning the chapters' HTML and the warnings. */
  async function load(root: string) {
    const diagnostics = new Diagnostics();
    const manuscript = await loadManuscript(loadConfig(root, diagnostics), diagnostics);
    return { html: manuscript.chapters.map((c) => toHtml(c.tree)), warnings: diagnostics.list.filter((d) => d.ruleId === 'broken-link').map(plain) };
  }

  test('should warn once per target, at its first link, counting the others', async () => {
    const { warnings, html } = await load(book());
    assert.deepEqual(warnings, [
      {
        severity: 'warning',
        message: 'broken link "../LICENSE": LICENSE is not part of the book (only chapters and images are); the words are kept without the link, here and in 3 other links to it',
        file: path.join('manuscript', '01-a.md'),
        line: 3,
        column: 1,
      },
      {
        severity: 'warning',
        message: `broken link "../examples/app.py": ${path.join('examples', 'app.py')} is not part of the book (only chapters and images are); the words are kept without the link`,
        file: path.join('manuscript', '01-a.md'),
        line: 5,
        column: 1,
      },
    ]);
    assert.match(html[1] as string, /<a href="ch01.xhtml">1장<\/a>/);
  });

  test('should link files that are no chapters to the repository named in book.yaml', async () => {
    const root = book('repository: https://github.com/o/r\n');
    fs.writeFileSync(path.join(root, 'LICENSE'), 'MIT\n');
    const { warnings, html } = await load(root);
    assert.deepEqual(warnings, []);
    assert.match(html[0] as string, /<a href="https:\/\/github.com\/o\/r\/blob\/HEAD\/LICENSE">라이선스<\/a>/);
    assert.match(html[0] as string, /<a href="https:\/\/github.com\/o\/r\/blob\/HEAD\/examples\/app.py">예제<\/a>/);
  });

  test('should redo a kept chapter’s links when a file they name appears in the repository', async () => {
    const root = book('repository: https://github.com/o/r\n');
    const parser = new ManuscriptParser(loadConfig(root, new Diagnostics()).labels, { keep: true });
    const diagnostics = new Diagnostics();
    await loadManuscript(loadConfig(root, diagnostics), diagnostics, parser);
    assert.deepEqual(
      diagnostics.list.filter((d) => d.ruleId === 'broken-link').map((d) => d.reason),
      ['broken link "../LICENSE": LICENSE does not exist; the words are kept without the link, here and in 3 other links to it'],
    );
    fs.writeFileSync(path.join(root, 'LICENSE'), 'MIT\n');
    const again = new Diagnostics();
    const manuscript = await loadManuscript(loadConfig(root, again), again, parser);
    assert.deepEqual(again.list.filter((d) => d.ruleId === 'broken-link'), []);
    assert.match(toHtml(manuscript.chapters[1]?.tree ?? { type: 'root', children: [] }), /<a href="https:\/\/github.com\/o\/r\/blob\/HEAD\/LICENSE">또<\/a>/);
  });
});

describe('loadConfig: toc and repository', () => {
  /** The config of a book whose book.yaml adds `yaml`, with its problems. */
  function load(yaml: string): { config?: BookConfig; problems: string[] } {
    const root = tempTree({ 'manuscript/book.yaml': `title: 책\nauthor: 저자\nlanguage: ko\n${identified}${yaml}`, 'manuscript/a.md': '# A\n' });
    const diagnostics = new Diagnostics();
    try {
      return { config: loadConfig(root, diagnostics), problems: diagnostics.list.map((d) => `${d.line}: ${d.reason}`) };
    } catch {
      return { problems: diagnostics.list.map((d) => `${d.line}: ${d.reason}`) };
    }
  }

  test('should default to h3 sections everywhere, the printed depth left to the book’s length', () => {
    const { config } = load('');
    assert.deepEqual(config?.toc, { depth: 3 });
    assert.equal(config?.repository, undefined);
  });

  test('should apply depth to the printed contents too, unless printDepth is given', () => {
    assert.deepEqual(load('toc:\n  depth: 2\n').config?.toc, { depth: 2, printDepth: 2 });
    assert.deepEqual(load('toc: { depth: 3, printDepth: 1 }\n').config?.toc, { depth: 3, printDepth: 1 });
    assert.deepEqual(load('toc: { printDepth: 2 }\n').config?.toc, { depth: 3, printDepth: 2 });
  });

  test('should refuse a depth the contents cannot have, at its line', () => {
    const { config, problems } = load('toc:\n  depth: 4\n');
    assert.equal(config, undefined);
    assert.deepEqual(problems, ['6: toc.depth: must be 1 (chapters only), 2 (and their h2 sections) or 3 (and their h3 sections)']);
  });

  test('should keep the repository without its trailing slash and refuse what is no web address', () => {
    assert.equal(load('repository: https://github.com/o/r/\n').config?.repository, 'https://github.com/o/r');
    assert.deepEqual(load('repository: github.com/o/r\n').problems, ['5: repository: must be the web address of the repository, such as https://github.com/owner/name']);
  });
});

describe('outputs/toc.ts: depth and repeated titles', () => {
  /** A chapter titled `title` whose H1 is followed by `headings`. */
  function chapter(index: number, title: string, headings: Heading[]): Chapter {
    return { index, id: `ch${index + 1}`, source: `manuscript/${index}.md`, line: 1, title, depth: 0, headings: [{ depth: 1, text: title, id: `t${index}` }, ...headings], tree: { type: 'root', children: [] } };
  }

  /** A manuscript of `chapters` with the contents settings `toc`. */
  function manuscript(chapters: Chapter[], toc: BookConfig['toc'] = { depth: 3 }): Manuscript {
    return { config: { toc } as BookConfig, chapters, assets: new Map(), styles: { epub: { css: '', assets: [] }, print: { css: '', assets: [] } }, plugins: { remark: [], rehype: [] } };
  }

  /** Entries as nested [title, children] pairs. */
  function shape(entries: TocEntry[]): unknown[] {
    return entries.map((e) => (e.children.length ? [e.title, shape(e.children)] : e.title));
  }

  /** `chapters` chapters, each with `sections` h2 sections of `subsections` h3 each. */
  function book(chapters: number, sections: number, subsections: number): Chapter[] {
    return Array.from({ length: chapters }, (_, c) =>
      chapter(
        c,
        `Chapter ${c}`,
        Array.from({ length: sections }, (_, s) => [{ depth: 2, text: `${c}.${s}`, id: `s${c}-${s}` }, ...Array.from({ length: subsections }, (_, u) => ({ depth: 3, text: `${c}.${s}.${u}`, id: `u${c}-${s}-${u}` }))]).flat(),
      ),
    );
  }

  test('should not list a first section that repeats its chapter’s title, moving its sections up', () => {
    const toc = buildToc(
      manuscript([
        chapter(0, 'Getting started', [
          { depth: 2, text: ' Getting  started', id: 'gs' },
          { depth: 3, text: 'Install', id: 'i' },
          { depth: 2, text: 'Next', id: 'n' },
        ]),
      ]),
    );
    assert.deepEqual(shape(toc), [['Getting started', ['Install', 'Next']]]);
  });

  test('should keep a later section that happens to share the title, and one that only looks alike', () => {
    const later = [
      { depth: 2, text: 'Intro', id: 'i' },
      { depth: 2, text: 'Docker', id: 'd' },
    ];
    assert.deepEqual(shape(buildToc(manuscript([chapter(0, 'Docker', later)]))), [['Docker', ['Intro', 'Docker']]]);
    assert.deepEqual(shape(buildToc(manuscript([chapter(0, 'Docker', [{ depth: 2, text: 'docker', id: 'd' }])]))), [['Docker', ['docker']]]);
  });

  test('should list h3 sections in the printed contents of a short book', () => {
    const short = manuscript(book(4, 5, 4));
    assert.ok(flattenToc(buildToc(short, 3)).length <= printedEntriesWithH3);
    assert.equal(printedTocDepth(short), 3);
  });

  test('should list only h2 sections in the printed contents of a long book, and h3 in its nav', () => {
    const long = manuscript(book(30, 8, 4));
    assert.ok(flattenToc(buildToc(long, 3)).length > printedEntriesWithH3);
    assert.equal(printedTocDepth(long), 2);
    assert.equal(long.config.toc.depth, 3);
  });

  test('should follow printDepth whatever the length', () => {
    assert.equal(printedTocDepth(manuscript(book(30, 8, 4), { depth: 3, printDepth: 3 })), 3);
    assert.equal(printedTocDepth(manuscript(book(1, 1, 1), { depth: 3, printDepth: 1 })), 1);
  });

  test('should list chapters only at depth 1, their h2 sections at depth 2', () => {
    const chapters = book(2, 2, 1);
    assert.deepEqual(shape(buildToc(manuscript(chapters), 1)), ['Chapter 0', 'Chapter 1']);
    assert.deepEqual(shape(buildToc(manuscript(chapters), 2)), [
      ['Chapter 0', ['0.0', '0.1']],
      ['Chapter 1', ['1.0', '1.1']],
    ]);
  });
});
