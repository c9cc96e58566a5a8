/**
 * The EPUB's title page and copyright page: the author's own (a chapter whose front matter says
 * `role: titlepage` or `role: copyright`) or, where there is none, one made from the metadata
 * (outputs/front-matter.ts, shared with the PDF). They follow the cover in the spine, before the
 * contents, and are named in the landmarks, where stores and reading systems look for them.
 */
import type { BookConfig } from '../../config/load.js';
import type { Manuscript, PageRole } from '../../manuscript/model.js';
import { copyrightPage, titlePage } from '../front-matter.js';
import { xhtmlDocument } from '../xhtml.js';
import type { PackageFile } from './package.js';

/** The epub:type of each page (EPUB 3 Structural Semantics) and its EPUB 2 guide type. */
const pageTypes: Record<PageRole, { epubType: string; guide: string }> = {
  titlepage: { epubType: 'titlepage', guide: 'title-page' },
  copyright: { epubType: 'copyright-page', guide: 'copyright-page' },
};

/** The pages, in spine order: their generated document, its title (a label) and how the metadata makes it. */
const pages: { role: PageRole; id: string; href: string; label: 'titlePage' | 'copyrightPage'; make: typeof titlePage }[] = [
  { role: 'titlepage', id: 'titlepage', href: 'titlepage.xhtml', label: 'titlePage', make: titlePage },
  { role: 'copyright', id: 'copyright', href: 'copyright.xhtml', label: 'copyrightPage', make: copyrightPage },
];

/** A rendered chapter document, as the EPUB output keeps it. */
export interface RenderedChapter {
  filename: string;
  role?: PageRole | undefined;
}

/** An entry of the landmarks nav and of the OPF guide. */
export interface Landmark {
  epubType: string;
  guide: string;
  href: string;
  label: string;
}

/** The front pages to add to the publication. */
export interface FrontPages {
  /** Generated XHTML documents to store. */
  files: PackageFile[];
  /** Their manifest items. */
  items: { id: string; href: string; mediaType: string }[];
  /** Hrefs of every front page, generated or the author's, in spine order. */
  spine: string[];
  /** Their landmarks. */
  landmarks: Landmark[];
}

/** The epub:type of a chapter's section and body: the author's front pages are front matter, not chapters. */
export function chapterTypes(role: PageRole | undefined): { section: string; body: string } {
  return role ? { section: pageTypes[role].epubType, body: 'frontmatter' } : { section: 'chapter', body: 'bodymatter' };
}

/** The manuscript as the contents list it: the author's front pages are reached by the landmarks instead (unless they are all there is). */
export function contentsOf(manuscript: Manuscript): Manuscript {
  const text = manuscript.chapters.filter((chapter) => !chapter.role);
  return text.length ? { ...manuscript, chapters: text } : manuscript;
}

/** Makes the title and copyright pages the author did not write, and orders all of them. */
export function frontPages(config: BookConfig, chapters: RenderedChapter[]): FrontPages {
  const result: FrontPages = { files: [], items: [], spine: [], landmarks: [] };
  for (const page of pages) {
    const own = chapters.filter((chapter) => chapter.role === page.role).map((chapter) => chapter.filename);
    const title = config.labels[page.label];
    if (!own.length) {
      const body = page.make(config, { 'epub:type': pageTypes[page.role].epubType });
      result.files.push({ href: page.href, data: xhtmlDocument({ lang: config.language, title, stylesheets: ['style.css'], body: [body], bodyProperties: { 'epub:type': 'frontmatter' } }) });
      result.items.push({ id: page.id, href: page.href, mediaType: 'application/xhtml+xml' });
    }
    const hrefs = own.length ? own : [page.href];
    result.spine.push(...hrefs);
    result.landmarks.push({ ...pageTypes[page.role], href: hrefs[0] as string, label: title });
  }
  return result;
}
