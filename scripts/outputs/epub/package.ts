/**
 * The one place that knows epub-gen-memory. It packages the files we made into the EPUB
 * container (mimetype first and stored, META-INF/container.xml) and works around its defaults
 * that EPUBCheck rejects or that make builds differ: we render every document ourselves through
 * its template options, hand it no HTML to "fix" (its HTML pass rewrites Korean text as character
 * references and drops attributes such as `start`), add images with their real names and media
 * types, and stamp every zip entry with one fixed date.
 */
import { EPub } from 'epub-gen-memory';

/** A file to store in the EPUB under `OEBPS/`. */
export interface PackageFile {
  href: string;
  data: Buffer | string;
}

/** What the adapter needs: our rendered documents and the data for the OPF/NCX/nav templates. */
export interface PackageInput {
  title: string;
  language: string;
  css: string;
  /** Rendered chapter documents, in spine order (file name + XHTML). */
  documents: { filename: string; title: string; xhtml: string }[];
  /** Binary and extra text files (images, cover page). */
  files: PackageFile[];
  templates: { contentOPF: string; tocNCX: string; tocXHTML: string };
  /** Extra values for the templates. */
  templateData: Record<string, unknown>;
  /** The date stamped on every zip entry. */
  modified: Date;
}

/** epub-gen-memory's EPub with our files in place of its downloads. */
class BookEPub extends EPub {
  private readonly extraFiles: PackageFile[];
  private readonly fixedDate: Date;

  /** Prepares the container; nothing is rendered until `genEpub`. */
  constructor(input: PackageInput) {
    super(
      {
        title: input.title,
        lang: input.language,
        css: input.css,
        version: 3,
        prependChapterTitles: false,
        tocInTOC: false,
        numberChaptersInTOC: false,
        // Every document is already XHTML: the chapter template only prints it.
        chapterXHTML: '<%- xhtml %>',
        ...input.templates,
        ...input.templateData,
      } as ConstructorParameters<typeof EPub>[0],
      // Empty content keeps its HTML normalizer (and its random image names) out of our text.
      input.documents.map((d) => ({ title: d.title, filename: d.filename, content: '', xhtml: d.xhtml })) as ConstructorParameters<typeof EPub>[1],
    );
    this.extraFiles = input.files;
    this.fixedDate = input.modified;
  }

  /** Stores our images and pages instead of downloading anything. */
  protected override async downloadAllImages(): Promise<void> {
    const oebps = this.zip.folder('OEBPS');
    for (const file of this.extraFiles) oebps?.file(file.href, file.data);
  }

  /** Fonts are left to the reading system (every store's readers carry CJK fonts). */
  protected override async downloadAllFonts(): Promise<void> {}

  /** The cover is one of our files (see `downloadAllImages`). */
  protected override async makeCover(): Promise<void> {}

  /** Generates the zip with one fixed date on every entry, so equal input gives equal bytes. */
  override generateAsync: EPub['generateAsync'] = (options) => {
    this.zip.forEach((_path, entry) => {
      entry.date = this.fixedDate;
    });
    return super.generateAsync(options);
  };
}

/** Packages the rendered book into EPUB bytes. */
export async function packageEpub(input: PackageInput): Promise<Buffer> {
  return new BookEPub(input).genEpub();
}
