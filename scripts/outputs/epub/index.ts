/**
 * EPUB 3 output: renders every document of the publication from the manuscript model and hands
 * them to the packaging adapter. Layout of the publication:
 * cover.xhtml, titlepage.xhtml and copyright.xhtml (front-pages.ts), toc.xhtml (nav), ch01.xhtml...,
 * images/, style.css, toc.ncx.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { storeLanguageTag, textDirection } from '../../config/language.js';
import { toolName, toolRoot } from '../../tool-root.js';
import type { ElementContent } from 'hast';
import type { Browser } from 'puppeteer';
import { h } from 'hastscript';
import { visit } from '../../markdown/visit.js';
import { chapterHref } from '../../manuscript/load.js';
import type { Diagnostics } from '../../diagnostics.js';
import type { Manuscript } from '../../manuscript/model.js';
import { epubPasses } from '../../markdown/processor.js';
import { hasMath } from '../../markdown/rehype-math.js';
import { accessibilityMetadata, conformanceOf, conformanceProblems, contentFacts } from './accessibility.js';
import type { Output } from '../output.js';
import { buildToc, type TocEntry } from '../toc.js';
import { escapeXml, xhtmlDocument, xhtmlFragment } from '../xhtml.js';
import { readerStandIns } from './core-images.js';
import { rasterCover, typographicCover } from './raster-cover.js';
import { packageEpub, type PackageFile } from './package.js';
import { chapterTypes, contentsOf, frontPages } from './front-pages.js';
import { placePageBreaks, type PageEntry } from './page-list.js';
import { findPrintLayout, type PrintLayout } from '../print-layout.js';
import { asBrowserUser } from '../browser-user.js';
import { copyTree } from '../../manuscript/parse.js';

const templatesDir = path.join(toolRoot, 'scripts', 'outputs', 'epub', 'templates');

interface ManifestItem {
  id: string;
  href: string;
  mediaType: string;
  properties?: string;
}

/** The EPUB 3 publication. */
export const epubOutput: Output = {
  format: 'epub',
  needsBrowser: false,
  render: async (context) => {
    const { manuscript, diagnostics, chromium } = context;
    const { data, cover } = await buildEpub(manuscript, diagnostics, chromium, await findPrintLayout(context));
    // The cover on its own, for the stores' upload forms.
    return { data, sidecars: [{ suffix: '-cover.jpg', data: cover }] };
  },
};

/**
 * Builds the EPUB file's bytes, and its cover as a JPEG; `chromium` draws a typographic cover, and
 * `printLayout`, when there is one, gives the print edition's page breaks and page-list.
 */
export async function buildEpub(manuscript: Manuscript, diagnostics: Diagnostics, chromium: () => Promise<Browser>, printLayout?: PrintLayout): Promise<{ data: Buffer; cover: Buffer }> {
  const { config } = manuscript;
  const lang = config.language;
  const toc = buildToc(contentsOf(manuscript), config.toc.depth);

  const styleAssets = manuscript.styles.epub.assets.filter((a) => !manuscript.assets.has(a.href));
  // The cover as a JPEG stores take: the author's image, or a typographic one made from the metadata.
  const cover = manuscript.cover
    ? await rasterCover(manuscript.cover)
    : await asBrowserUser('EPUB cover', () => typographicCover({ title: config.title, subtitle: config.subtitle, authors: config.authors, language: lang }, config.layout.cacheDir, chromium));
  const standIns = await readerStandIns(
    [...manuscript.assets.values(), ...styleAssets].filter((a) => a !== manuscript.cover),
    { keepTransparency: config.epub.keepTransparency, diagnostics },
  );
  if (manuscript.cover) standIns.set(manuscript.cover.href, cover);
  const assets = [...manuscript.assets.values(), ...styleAssets].map((a) => standIns.get(a.href) ?? a);
  let css = manuscript.styles.epub.css;
  for (const [href, standIn] of standIns) css = css.replaceAll(`url("${href}")`, `url("${standIn.href}")`);

  const math = manuscript.chapters.some((chapter) => hasMath(chapter.tree));
  const passes = epubPasses(new Map([...standIns].map(([href, standIn]) => [href, standIn.href])), manuscript.plugins, math);
  const contents = manuscript.chapters.map((chapter) => {
    const { tree } = passes.run(chapter.tree, chapter.source);
    // Page-break markers go into the content: never into the manuscript's own tree.
    return (printLayout && tree === chapter.tree ? copyTree(tree) : tree).children as ElementContent[];
  });
  const pageList = printLayout ? pageBreaks(manuscript, contents, printLayout, diagnostics) : [];
  const documents = manuscript.chapters.map((chapter, i) => {
    const content = contents[i] as ElementContent[];
    const properties = contentProperties(content);
    const types = chapterTypes(chapter.role);
    const section = h('section', { 'epub:type': types.section, role: chapter.role ? undefined : 'doc-chapter', id: chapter.id }, content);
    const xhtml = xhtmlDocument({ lang, title: chapter.title, stylesheets: ['style.css'], body: [section], bodyProperties: { 'epub:type': types.body } });
    return { filename: chapterHref(chapter), title: chapter.title, xhtml, properties, role: chapter.role };
  });

  const files: PackageFile[] = assets.map((a) => ({ href: a.href, data: a.data }));
  const items: ManifestItem[] = [
    { id: 'nav', href: 'toc.xhtml', mediaType: 'application/xhtml+xml', properties: 'nav' },
    { id: 'ncx', href: 'toc.ncx', mediaType: 'application/x-dtbncx+xml' },
    { id: 'css', href: 'style.css', mediaType: 'text/css' },
  ];

  // The author's cover is among the assets (as its JPEG); the typographic one is not.
  const coverHref = cover.href;
  if (!manuscript.cover) {
    files.push({ href: coverHref, data: cover.data });
    items.push({ id: 'cover-image', href: coverHref, mediaType: cover.mediaType, properties: 'cover-image' });
  }
  const coverPage = xhtmlDocument({
    lang,
    title: config.labels.cover,
    stylesheets: ['style.css'],
    bodyProperties: { className: ['cover'] },
    body: [h('section', { 'epub:type': 'cover', className: ['cover'] }, [h('img', { src: coverHref, alt: `${config.title} — ${config.authors.join(', ')}` })])],
  });
  files.push({ href: 'cover.xhtml', data: coverPage });
  items.push({ id: 'cover', href: 'cover.xhtml', mediaType: 'application/xhtml+xml' });
  const front = frontPages(config, documents);
  files.push(...front.files);
  items.push(...front.items);

  assets.forEach((asset, i) => {
    const isCover = asset === cover;
    const item: ManifestItem = { id: isCover ? 'cover-image' : `${asset.mediaType.startsWith('font/') ? 'font' : 'img'}-${i + 1}`, href: asset.href, mediaType: asset.mediaType };
    if (isCover) item.properties = 'cover-image';
    items.push(item);
  });
  documents.forEach((d) => {
    const item: ManifestItem = { id: path.basename(d.filename, '.xhtml'), href: d.filename, mediaType: 'application/xhtml+xml' };
    if (d.properties) item.properties = d.properties;
    items.push(item);
  });

  // The text starts at the first chapter that is not the author's own front page.
  const firstChapter = (documents.find((d) => !d.role) ?? documents[0])?.filename ?? 'toc.xhtml';
  const ids = new Map(items.map((item) => [item.href, item.id]));
  const idOf = (href: string): string => ids.get(href) ?? href;
  const facts = contentFacts(contents);
  // The chapters' warnings are all in by now: the manuscript is loaded and the passes above have run.
  const conformance = conformanceOf(config.accessibility, conformanceProblems(facts, diagnostics.list, config.languageGuessed ? lang : undefined));
  const metadataFile = config.layout.metadataFile && path.relative(config.root, config.layout.metadataFile);
  const note = conformance.note;
  if (note) (note.severity === 'warning' ? diagnostics.warn : diagnostics.info).call(diagnostics, note.message, metadataFile, undefined, undefined, 'conformance');
  const book = {
    ...config,
    dir: textDirection(lang),
    storeLanguage: storeLanguageTag(lang),
    modified: config.modified.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    accessibility: { ...accessibilityMetadata(config.accessibility, facts, lang, pageList.length > 0), conformsTo: conformance.conformsTo, certifier: conformance.certifier },
  };
  const data = await packageEpub({
    title: config.title,
    language: lang,
    css,
    documents: documents.map(({ filename, title, xhtml }) => ({ filename, title, xhtml })),
    files,
    modified: config.modified,
    templates: {
      contentOPF: readTemplate('content.opf.ejs'),
      tocNCX: readTemplate('toc.ncx.ejs'),
      tocXHTML: readTemplate('nav.xhtml.ejs'),
    },
    templateData: {
      book,
      labels: config.labels,
      items,
      spine: [
        { idref: 'cover', linear: true },
        ...front.spine.map((href) => ({ idref: idOf(href), linear: true })),
        { idref: 'nav', linear: true },
        ...documents.filter((d) => !front.spine.includes(d.filename)).map((d) => ({ idref: idOf(d.filename), linear: true })),
      ],
      // Landmarks (nav) and guide (OPF, for EPUB 2 readers), in reading order.
      landmarks: [
        { epubType: 'cover', guide: 'cover', href: 'cover.xhtml', label: config.labels.cover },
        ...front.landmarks,
        { epubType: 'toc', guide: 'toc', href: 'toc.xhtml', label: config.labels.toc },
        { epubType: 'bodymatter', guide: 'text', href: firstChapter, label: config.labels.start },
      ],
      generator: toolName,
      tocList: xhtmlFragment([navList(toc)]),
      pageList,
      navPoints: ncxNavPoints(toc),
      depth: tocDepth(toc),
    },
  });
  return { data, cover: cover.data };
}

/** Puts the print edition's page breaks into the chapters' `contents` and returns the page-list; says how many pages were not found. */
function pageBreaks(manuscript: Manuscript, contents: ElementContent[][], layout: PrintLayout, diagnostics: Diagnostics): PageEntry[] {
  const chapters = manuscript.chapters.map((chapter, i) => ({ id: chapter.id, href: chapterHref(chapter), content: contents[i] as ElementContent[] }));
  const { pages, missed } = placePageBreaks(chapters, layout, manuscript.config.language);
  if (missed) diagnostics.info(`EPUB: page-list: the text of ${missed} printed page(s) was not found in the EPUB; they have no page-break marker`, undefined, undefined, undefined, 'page-list');
  return pages;
}

/** Reads one of our EJS templates. */
function readTemplate(name: string): string {
  return readFileSync(path.join(templatesDir, name), 'utf8');
}

/** The nav document's nested list. Part titles have no page of their own, so they are spans. */
function navList(entries: TocEntry[]): ElementContent {
  return h(
    'ol',
    entries.map((e) => {
      const label = e.chapter ? h('a', { href: entryHref(e) }, e.title) : h('span', e.title);
      return h('li', e.children.length ? [label, navList(e.children)] : [label]);
    }),
  );
}

/** Where a TOC entry points in the publication. */
function entryHref(entry: TocEntry): string {
  if (!entry.chapter) return '';
  return entry.id ? `${chapterHref(entry.chapter)}#${entry.id}` : chapterHref(entry.chapter);
}

/** The NCX navMap for EPUB 2 readers; a part points at its first chapter (NCX needs a target). */
function ncxNavPoints(entries: TocEntry[]): string {
  let count = 0;
  // NCX allows one playOrder per target: a part shares the one of the chapter it points at.
  const playOrders = new Map<string, number>();
  const render = (list: TocEntry[], indent: string): string =>
    list
      .map((e) => {
        count++;
        const target = e.chapter ? entryHref(e) : firstTarget(e);
        if (!playOrders.has(target)) playOrders.set(target, playOrders.size + 1);
        return `${indent}<navPoint id="nav-${count}" playOrder="${playOrders.get(target)}"><navLabel><text>${escapeXml(e.title)}</text></navLabel><content src="${escapeXml(target)}"/>${
          e.children.length ? `\n${render(e.children, `${indent}  `)}\n${indent}` : ''
        }</navPoint>`;
      })
      .join('\n');
  return render(entries, '    ');
}

/** The first chapter link below a part title. */
function firstTarget(entry: TocEntry): string {
  for (const child of entry.children) {
    const href = child.chapter ? entryHref(child) : firstTarget(child);
    if (href) return href;
  }
  return '';
}

/** How deep the TOC nests (the NCX states it). */
function tocDepth(entries: TocEntry[]): number {
  return entries.length ? 1 + Math.max(...entries.map((e) => tocDepth(e.children))) : 0;
}

/** The manifest properties a chapter needs: `svg` and `mathml` when it has inline SVG or MathML. */
function contentProperties(nodes: ElementContent[]): string {
  const found = new Set<string>();
  for (const node of nodes) {
    visit(node, 'element', (el) => {
      if (el.tagName === 'svg') found.add('svg');
      if (el.tagName === 'math') found.add('mathml');
    });
  }
  return [...found].sort().join(' ');
}

