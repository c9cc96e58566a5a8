/**
 * The built-in e-reader stylesheet as a reading system applies it: Chromium (the engine of several
 * readers) loads styles/epub.css into an XHTML page, where `epub:type` is a namespaced attribute.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'puppeteer';
import { launchBrowser } from '../scripts/outputs/pdf/browser.js';
import { toolRoot } from '../scripts/tool-root.js';

const css = readFileSync(path.join(toolRoot, 'styles', 'epub.css'), 'utf8');

/** An XHTML chapter as the EPUB has it, with the stylesheet inline. */
const page = `<?xml version="1.0" encoding="UTF-8"?>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="en">
<head><title>t</title><style>${css.replaceAll('&', '&amp;').replaceAll('<', '&lt;')}</style></head>
<body><p id="text">Text<sup><a id="ref" href="#n1" epub:type="noteref">1</a></sup></p>
<pre id="code">code</pre><table><tr><th id="head">h</th></tr></table><h2 id="title">A heading</h2>
<blockquote id="quote"><p>q</p></blockquote></body></html>`;

describe('styles/epub.css in Chromium', () => {
  let browser: Browser;
  let tab: Page;
  before(async () => {
    browser = await launchBrowser();
    tab = await browser.newPage();
    await tab.goto(`data:application/xhtml+xml;base64,${Buffer.from(page).toString('base64')}`);
  });
  after(async () => browser?.close());

  it('should declare the epub namespace before any rule', () => {
    const first = css.replace(/\/\*[\s\S]*?\*\//g, '').trim().split('\n')[0];
    assert.equal(first, '@namespace epub "http://www.idpf.org/2007/ops";');
  });

  it('should apply the noteref rule to an epub:type="noteref" link', async () => {
    const decoration = await tab.$eval('#ref', (a) => getComputedStyle(a).textDecorationLine);
    assert.equal(decoration, 'none');
    const kept = await tab.evaluate(() => [...document.styleSheets[0]!.cssRules].some((r) => r.cssText.includes('epub|type')));
    assert.ok(kept, 'Chromium dropped the epub|type rule');
  });

  it('should set paragraph indents and margins explicitly, and give code and headers no fixed background', async () => {
    const p = await tab.$eval('#text', (e) => [getComputedStyle(e).textIndent, getComputedStyle(e).marginTop]);
    assert.deepEqual(p, ['0px', '0px']);
    for (const id of ['#code', '#head']) {
      const style = await tab.$eval(id, (e) => [getComputedStyle(e).backgroundColor, getComputedStyle(e).borderTopStyle]);
      assert.deepEqual(style, ['rgba(0, 0, 0, 0)', 'solid'], id);
    }
  });

  it('should leave body text to the reader’s defaults, align headings and set quotes off in percent (Kindle, Kobo)', async () => {
    const imposed = await tab.evaluate(() =>
      [...document.styleSheets[0]!.cssRules]
        .filter((r): r is CSSStyleRule => r instanceof CSSStyleRule && /^(html|body)$/.test(r.selectorText))
        .flatMap((r) => ['fontSize', 'lineHeight', 'marginLeft', 'marginRight', 'paddingLeft', 'paddingRight', 'fontFamily'].filter((p) => r.style.getPropertyValue(p.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`))).map((p) => `${r.selectorText} ${p}`)),
    );
    assert.deepEqual(imposed, []);
    assert.equal(await tab.$eval('#title', (e) => getComputedStyle(e).textAlign), 'left');
    const quote = await tab.evaluate(() => {
      const rule = [...document.styleSheets[0]!.cssRules].find((r): r is CSSStyleRule => r instanceof CSSStyleRule && r.selectorText === 'blockquote');
      return [rule?.style.marginLeft, rule?.style.marginRight];
    });
    assert.deepEqual(quote, ['5%', '5%']);
    const families = await tab.$eval('#code', (e) => getComputedStyle(e).fontFamily);
    assert.equal(families, 'monospace', 'a font the EPUB does not embed is named');
  });
});
