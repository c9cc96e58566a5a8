/**
 * Corrections to the tags Chromium writes, made once the book's structure tree is merged, so that
 * assistive technology reads the PDF as it reads the EPUB: an HTML `<figure>` groups a picture
 * with its caption, but Chromium tags the group as a Figure too, which would then need a text
 * alternative of its own (hiding the caption); and a link without a Link tag (a footnote
 * reference, its back-reference) is not announced as a link.
 */
import { PDFArray, PDFDict, PDFName, type PDFContext, type PDFObject } from 'pdf-lib';

const N = PDFName.of;

/** Retags, under `roots`: Figure groups without a text alternative as Div, owners of link annotations as Link. */
export function refineTags(ctx: PDFContext, roots: PDFObject[]): void {
  const walk = (obj: PDFObject | undefined): void => {
    const el = obj && ctx.lookup(obj);
    if (el instanceof PDFArray) return el.asArray().forEach(walk);
    if (!(el instanceof PDFDict) || !el.has(N('S'))) return undefined;
    const kids = kidsOf(ctx, el);
    const tag = el.get(N('S'));
    // A picture's Figure holds marked content only; one holding other elements is a group.
    const group = kids.some((kid) => kid.has(N('S')));
    if (tag === N('Figure') && group && !el.has(N('Alt')) && !el.has(N('ActualText'))) el.set(N('S'), N('Div'));
    if (tag !== N('Link') && kids.some((kid) => isLinkAnnotation(ctx, kid))) el.set(N('S'), N('Link'));
    return walk(el.get(N('K')));
  };
  roots.forEach(walk);
}

/** The dictionaries among an element's kids (elements, marked-content and object references). */
function kidsOf(ctx: PDFContext, el: PDFDict): PDFDict[] {
  const k = el.get(N('K'));
  const resolved = k && ctx.lookup(k);
  const list = resolved instanceof PDFArray ? resolved.asArray() : k ? [k] : [];
  return list.map((kid) => ctx.lookup(kid)).filter((kid): kid is PDFDict => kid instanceof PDFDict);
}

/** Whether a kid is an object reference to a link annotation. */
function isLinkAnnotation(ctx: PDFContext, kid: PDFDict): boolean {
  if (kid.get(N('Type')) !== N('OBJR')) return false;
  const target = ctx.lookup(kid.get(N('Obj')));
  return target instanceof PDFDict && target.get(N('Subtype')) === N('Link');
}
