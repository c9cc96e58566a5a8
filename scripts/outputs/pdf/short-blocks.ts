/**
 * Widows and orphans for short paragraphs. Chromium keeps `orphans` lines at a page's foot and
 * `widows` lines at the next page's head only when a paragraph is long enough for both: one of
 * three lines (with orphans and widows at 2) is split two and one, leaving a single line on the
 * next page, rather than moved whole (measured on 16 pagings of a Korean chapter: 4 such breaks,
 * in paragraphs, list items and quotes alike). Before printing, each block whose lines are too
 * few to split by its own rules is marked unbreakable, so it moves whole. The print page is laid
 * out at the text block's width (the viewport), so its lines are those the PDF will have.
 */

// Runs inside the page (a string, so that no bundler helper leaks into it). A block counts when
// all its lines are its own (no block inside it); lines are found from its text's boxes, a new
// line starting where a box begins below the bottom of the line before.
export const keepShortBlocksScript = `(() => {
  let kept = 0;
  for (const block of document.querySelectorAll('section.chapter :is(p, li, dt, dd, figcaption)')) {
    if ([...block.children].some((child) => !getComputedStyle(child).display.startsWith('inline'))) continue;
    const style = getComputedStyle(block);
    const range = document.createRange();
    range.selectNodeContents(block);
    const boxes = [...range.getClientRects()].filter((box) => box.height > 0).sort((a, b) => a.top - b.top);
    let lines = 0;
    let bottom = -Infinity;
    for (const box of boxes) {
      if (box.top >= bottom - 1) lines++;
      bottom = box.top >= bottom - 1 ? box.bottom : Math.max(bottom, box.bottom);
    }
    if (lines > 1 && lines < Number(style.orphans) + Number(style.widows)) {
      block.style.breakInside = 'avoid';
      kept++;
    }
  }
  return kept;
})()`;
