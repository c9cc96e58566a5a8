/** The title and copyright pages made from the metadata (outputs/front-matter.ts), shared by the EPUB and the PDF. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Element } from 'hast';
import { toString } from 'hast-util-to-string';
import { loadConfig, type BookConfig } from '../../scripts/config/load.js';
import { Diagnostics } from '../../scripts/diagnostics.js';
import { copyrightPage, publicationDate, titlePage } from '../../scripts/outputs/front-matter.js';
import { tempTree } from './helpers.js';

/** The config of a new book whose book.yaml is `yaml`. */
function configOf(yaml: string): BookConfig {
  return loadConfig(tempTree({ 'manuscript/book.yaml': yaml }), new Diagnostics());
}

/** The text of each child element of a page, in order. */
function lines(page: Element): string[] {
  return page.children.flatMap((child) => (child.type !== 'element' ? [] : child.tagName === 'dl' ? child.children.map((c) => toString(c)) : [toString(child)]));
}

describe('front matter from the metadata (outputs/front-matter.ts)', () => {
  const selfPublished = 'title: Small Book\nauthor: Ann Lee\nlanguage: en\npublisher: Ann Lee\nidentifier: urn:uuid:0f8fad5b-d9cb-469f-a165-70867728950e\nedition: 2\ndate: 2021-04\n';

  test('should name a self-published book’s publisher once on the title page, and on the copyright page', () => {
    const config = configOf(`${selfPublished}contributors: [{name: Bo Kim, role: ill}]\n`);
    assert.deepEqual(lines(titlePage(config)), ['Small Book', 'Ann Lee', 'Illustrator Bo Kim']);
    assert.ok(lines(copyrightPage(config)).includes('Publisher'));
  });

  test('should keep an unquoted edition number as written, and name the identifier when there is no ISBN', () => {
    const config = configOf(selfPublished);
    assert.equal(config.edition, '2');
    assert.deepEqual(lines(copyrightPage(config)), ['Small Book', '2', 'Author', 'Ann Lee', 'Publisher', 'Ann Lee', 'Published', 'April 2021', 'Identifier', 'urn:uuid:0f8fad5b-d9cb-469f-a165-70867728950e']);
  });

  test('should write dates as the book’s language does, to the precision given', () => {
    assert.equal(publicationDate('2021-04-29', 'ko'), '2021년 4월 29일');
    assert.equal(publicationDate('2021-04-29', 'ja'), '2021年4月29日');
    assert.equal(publicationDate('2021-04-29', 'zh-Hant'), '2021年4月29日');
    assert.equal(publicationDate('2021-04-29', 'en'), 'April 29, 2021');
    assert.equal(publicationDate('2021', 'en'), '2021');
  });

  test('should label roles in the book’s language, and take the author’s own words from labels:', () => {
    const yaml = 'title: 书\nauthor: 张三\nlanguage: zh-TW\nidentifier: urn:uuid:0f8fad5b-d9cb-469f-a165-70867728950e\ncontributors: [{name: 王五, role: trl}]\nseries: {name: 叢書, position: 2}\nlabels: {series: 系列}\n';
    const config = configOf(yaml);
    assert.deepEqual(lines(titlePage(config)), ['书', '张三', '譯者 王五']);
    assert.deepEqual(lines(copyrightPage(config)).slice(1, 7), ['作者', '张三', '譯者', '王五', '系列', '叢書 (第2冊)']);
  });
});
