/**
 * Placing drawn Mermaid diagrams (rehype-mermaid, diagrams/figure.ts, diagrams/svg11.ts), without a
 * browser: the drawings are small SVGs written the way mermaid writes them.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Element, Root } from 'hast';
import { unified } from 'unified';
import { VFile } from 'vfile';
import { labelsFor } from '../../scripts/config/labels.js';
import { drawingId, type Drawing } from '../../scripts/diagrams/mermaid-page.js';
import { createHtmlConverter, createMarkdownParser } from '../../scripts/markdown/processor.js';
import rehypeMermaid, { mermaidSources } from '../../scripts/markdown/rehype-mermaid.js';
import { select, selectAll } from './helpers.js';

/** A chapter's HTML tree as the parse stage makes it (fence info read, mermaid left unhighlighted). */
function chapterTree(markdown: string): { tree: Root; file: VFile } {
  const file = new VFile({ path: 'chapter.md', value: markdown });
  const parser = createMarkdownParser();
  const tree = createHtmlConverter(labelsFor('ko')).runSync(parser.runSync(parser.parse(file), file), file) as Root;
  return { tree, file };
}

/** Places `drawings` (by source, in order) into the chapter written as `markdown`. */
function place(markdown: string, drawings: Drawing[]): { tree: Root; file: VFile } {
  const { tree, file } = chapterTree(markdown);
  const map = new Map(mermaidSources(tree).map((source, i) => [source, drawings[i] as Drawing]));
  unified().use(rehypeMermaid, { drawings: map, prefix: 'ch01', noun: '도표' }).runSync(tree, file);
  return { tree, file };
}

/** A sequence diagram the way mermaid draws one: its id scopes the CSS, a few elements keep ids of their own, SVG 2 habits. */
function sequenceSvg(actor: string): Drawing {
  return {
    type: 'sequence',
    svg: `<svg id="${drawingId}" width="100%" xmlns="http://www.w3.org/2000/svg" style="max-width: 450px;" viewBox="0 0 450 100" role="graphics-document document" aria-roledescription="sequence"><style>#${drawingId} .actor{fill:#eee;}</style><defs><marker id="${drawingId}_arrowhead" viewBox="0 0 10 10"><path d="M0,0 L10,5"/></marker></defs><g><rect class="actor" name="${actor}"/><text id="actor0" x="10" y="20"><tspan font-weight="">${actor}</tspan></text><line x1="0" x2="9" marker-end="url(#${drawingId}_arrowhead)"/><path viewBox="0 0 1 1" d="M0,0 L1,1" transform-origin="1px 2px" style="stroke: red;"/><circle r="7" width="14" height="14"/></g></svg>`,
  };
}

const fence = (source: string, info = 'mermaid'): string => `\`\`\`${info}\n${source}\n\`\`\`\n`;

describe('rehype-mermaid', () => {
  test('reads mermaid blocks without asking the highlighter for a grammar it does not have', () => {
    const { tree, file } = chapterTree(`# 장\n\n${fence('flowchart LR\n  A --> B')}\n${fence('x = 1', 'python')}`);
    assert.deepEqual(mermaidSources(tree), ['flowchart LR\n  A --> B\n']);
    assert.deepEqual(file.messages.map((m) => m.ruleId), []);
  });

  test('puts each drawing inline in a figure, every id unique in the chapter and every reference following it', () => {
    const { tree } = place(`${fence('sequenceDiagram\n  A->>B: 1')}\n${fence('sequenceDiagram\n  C->>D: 2')}`, [sequenceSvg('클라이언트'), sequenceSvg('서버')]);
    const figures = selectAll(tree, (e) => e.tagName === 'figure');
    assert.equal(figures.length, 2);
    assert.equal(selectAll(tree, (e) => e.tagName === 'pre').length, 0);
    const ids = selectAll(tree, (e) => typeof e.properties.id === 'string').map((e) => String(e.properties.id));
    assert.deepEqual(ids, ['ch01-mermaid-1', 'ch01-mermaid-1_arrowhead', 'ch01-mermaid-1-actor0', 'ch01-mermaid-2', 'ch01-mermaid-2_arrowhead', 'ch01-mermaid-2-actor0']);
    const second = figures[1] as Element;
    assert.equal(select(second, (e) => e.tagName === 'line')?.properties.markerEnd, 'url(#ch01-mermaid-2_arrowhead)');
    const style = select(second, (e) => e.tagName === 'style');
    assert.match(JSON.stringify(style?.children), /#ch01-mermaid-2 \.actor/);
  });

  test('rewrites what EPUB\'s SVG 1.1 rejects, keeping the drawing', () => {
    const { tree } = place(fence('sequenceDiagram\n  A->>B: 1'), [sequenceSvg('클라이언트')]);
    const rect = select(tree, (e) => e.tagName === 'rect') as Element;
    assert.deepEqual([rect.properties.width, rect.properties.height, rect.properties.name], [0, 0, undefined]);
    const path = select(tree, (e) => e.tagName === 'path' && e.properties.d === 'M0,0 L1,1') as Element;
    assert.equal(path.properties.viewBox, undefined);
    assert.equal(path.properties.style, 'stroke: red; transform-origin: 1px 2px');
    assert.equal(select(tree, (e) => e.tagName === 'marker')?.properties.viewBox, '0 0 10 10', 'a marker keeps its viewBox');
    const circle = select(tree, (e) => e.tagName === 'circle') as Element;
    assert.deepEqual([circle.properties.width, circle.properties.height, circle.properties.r], [undefined, undefined, '7']);
    assert.equal(select(tree, (e) => e.tagName === 'tspan')?.properties.fontWeight, undefined);
  });

  test('names a diagram without a title by its type and labels, as one image', () => {
    const { tree } = place(fence('sequenceDiagram\n  A->>B: 1'), [sequenceSvg('클라이언트')]);
    const svg = select(tree, (e) => e.tagName === 'svg') as Element;
    assert.equal(svg.properties.role, 'img');
    assert.equal(svg.properties.ariaRoleDescription, undefined);
    assert.equal(svg.properties.ariaLabel, '도표 (sequence diagram): 클라이언트');
    assert.match(String(svg.properties.style), /^display: block; margin: 0 auto; max-width: 450px;/);
  });

  test('captions the diagram of a titled fence, which names it', () => {
    const { tree } = place(fence('sequenceDiagram\n  A->>B: 1', 'mermaid title="요청 흐름"'), [sequenceSvg('클라이언트')]);
    const figures = selectAll(tree, (e) => e.tagName === 'figure');
    assert.equal(figures.length, 1, 'the listing the title made is replaced, not wrapped');
    const caption = select(tree, (e) => e.tagName === 'figcaption') as Element;
    assert.deepEqual([caption.properties.id, JSON.stringify(caption.children)], ['ch01-mermaid-1-caption', '[{"type":"text","value":"요청 흐름"}]']);
    const svg = select(tree, (e) => e.tagName === 'svg') as Element;
    assert.deepEqual(svg.properties.ariaLabelledBy, ['ch01-mermaid-1-caption']);
    assert.equal(svg.properties.ariaLabel, undefined);
  });

  test('keeps the accessible title the author gave inside the diagram', () => {
    const drawing: Drawing = {
      type: 'flowchart-v2',
      svg: `<svg id="${drawingId}" xmlns="http://www.w3.org/2000/svg" aria-labelledby="chart-title-${drawingId}"><title id="chart-title-${drawingId}">빌드 단계</title><text>A</text></svg>`,
    };
    const { tree } = place(fence('flowchart TD\n  accTitle: 빌드 단계\n  A'), [drawing]);
    const svg = select(tree, (e) => e.tagName === 'svg') as Element;
    assert.deepEqual(svg.properties.ariaLabelledBy, ['ch01-mermaid-1-chart-title-ch01-mermaid-1']);
    assert.equal(select(tree, (e) => e.tagName === 'title')?.properties.id, 'ch01-mermaid-1-chart-title-ch01-mermaid-1');
    assert.equal(svg.properties.ariaLabel, undefined);
  });

  test('leaves a diagram mermaid could not read as code, warning at the line mermaid names with its reason', () => {
    const error = "Parse error on line 2:\n...flowchart LR  A --> -->\n----------------------^\nExpecting 'AMP', 'COLON', got 'LINK'";
    const { tree, file } = place(`# 장\n\n${fence('flowchart LR\n  A --> -->')}`, [{ error, line: 2 }]);
    assert.ok(select(tree, (e) => e.tagName === 'pre'), 'the code block stays');
    assert.equal(select(tree, (e) => e.tagName === 'svg'), undefined);
    assert.deepEqual(
      file.messages.map((m) => [m.line, m.reason, m.ruleId]),
      [[5, "Mermaid could not draw this diagram: Parse error on line 2: Expecting 'AMP', 'COLON', got 'LINK'; its source is shown as code", 'diagram-not-drawn']],
    );
  });
});
