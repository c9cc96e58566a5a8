/**
 * A drawn diagram as it goes into a chapter: its SVG inline in a <figure>, so the PDF sets its
 * labels in the page's print fonts (an SVG in an <img> is a document of its own, whose text falls
 * back to system fonts that print as Type 3), and e-readers show it without scripts. It carries a
 * text alternative: the caption or accessible title its author gave, else one naming the
 * diagram's type and labels.
 */
import type { Element, ElementContent, Root } from 'hast';
import { raw } from 'hast-util-raw';
import { toString } from 'hast-util-to-string';
import { h } from 'hastscript';
import { visit } from '../markdown/visit.js';
import { cleanSvg } from '../assets/svg.js';
import { drawingId } from './mermaid-page.js';
import { conformToSvg11 } from './svg11.js';

/** How a placement names and describes its diagram. */
export interface FigureOptions {
  /** The SVG's id, unique in the chapter: every id inside the drawing starts with it. */
  id: string;
  /** The caption the author gave (`title="…"` on the fence). */
  title?: string;
  /** The word for "diagram" in the book's language, for a generated text alternative. */
  noun: string;
}

// Mermaid's diagram types (as its render reports them) in words, for generated text alternatives.
const typeNames: Record<string, string> = {
  flowchart: 'flowchart',
  'flowchart-v2': 'flowchart',
  flowchartElk: 'flowchart',
  sequence: 'sequence diagram',
  class: 'class diagram',
  classDiagram: 'class diagram',
  stateDiagram: 'state diagram',
  state: 'state diagram',
  er: 'entity relationship diagram',
  gantt: 'Gantt chart',
  pie: 'pie chart',
  journey: 'user journey',
  mindmap: 'mind map',
  timeline: 'timeline',
  gitGraph: 'Git graph',
  quadrantChart: 'quadrant chart',
  requirement: 'requirement diagram',
  xychart: 'XY chart',
  sankey: 'Sankey diagram',
  block: 'block diagram',
};

/** At most this many labels go into a generated text alternative. */
const MAX_LABELS = 40;

/** The figure for a drawn SVG, or why the SVG cannot go into the book. */
export function diagramFigure(svgText: string, type: string, options: FigureOptions): Element | { problem: string } {
  const cleaned = cleanSvg(Buffer.from(svgText.replaceAll(drawingId, options.id), 'utf8'));
  if ('problem' in cleaned) return { problem: cleaned.problem };
  const parsed = raw({ type: 'root', children: [{ type: 'raw', value: cleaned.data.toString('utf8') }] }) as Root;
  const svg = parsed.children.find((node): node is Element => node.type === 'element' && node.tagName === 'svg');
  if (!svg) return { problem: 'mermaid gave no SVG' };
  prefixIds(svg, options.id);
  conformToSvg11(svg);
  const properties = svg.properties;
  // One picture with a name, rather than mermaid's graphics-document roles, which EPUB's HTML lacks.
  properties.role = 'img';
  delete properties.ariaRoleDescription;
  properties.style = `display: block; margin: 0 auto; ${typeof properties.style === 'string' ? properties.style : ''}`.trim();
  const content: ElementContent[] = [svg];
  if (options.title) {
    const captionId = `${options.id}-caption`;
    content.push(h('figcaption', { id: captionId }, options.title));
    // An accessible title the author gave in the diagram (accTitle) stays its name.
    properties.ariaLabelledBy ??= [captionId];
  } else if (properties.ariaLabelledBy === undefined) {
    properties.ariaLabel = generatedAlternative(svg, type, options.noun);
  }
  return h('figure', { className: ['diagram'] }, content);
}

/** "Diagram (flowchart): Start, Check, End": the type and the labels, in drawing order, each once. */
function generatedAlternative(svg: Element, type: string, noun: string): string {
  const labels = new Set<string>();
  visit(svg, 'element', (node: Element) => {
    if (node.tagName !== 'text') return undefined;
    const label = toString(node).replace(/\s+/g, ' ').trim();
    if (label) labels.add(label);
    return 'skip';
  });
  const list = [...labels];
  const shown = list.slice(0, MAX_LABELS).join(', ') + (list.length > MAX_LABELS ? ', …' : '');
  return `${noun} (${typeNames[type] ?? type})${shown ? `: ${shown}` : ''}`;
}

/**
 * Gives every id inside the drawing the placement's prefix (mermaid leaves a few unprefixed, such
 * as a sequence diagram's `actor0`), and points the references at the new names, so two diagrams
 * in one chapter never share an id.
 */
function prefixIds(svg: Element, prefix: string): void {
  const renamed = new Map<string, string>();
  visit(svg, 'element', (node: Element) => {
    const id = node.properties.id;
    if (typeof id !== 'string' || id.startsWith(prefix)) return;
    renamed.set(id, `${prefix}-${id}`);
    node.properties.id = `${prefix}-${id}`;
  });
  if (renamed.size === 0) return;
  const rename = (id: string): string => renamed.get(id) ?? id;
  visit(svg, 'element', (node: Element) => {
    for (const [name, value] of Object.entries(node.properties)) {
      if (typeof value === 'string') {
        const local = (name === 'href' || name === 'xLinkHref') && value.startsWith('#') ? `#${rename(value.slice(1))}` : value;
        node.properties[name] = local.replace(/url\(#([^)]+)\)/g, (_, id: string) => `url(#${rename(id)})`);
      } else if (Array.isArray(value) && (name === 'ariaLabelledBy' || name === 'ariaDescribedBy')) {
        node.properties[name] = value.map((id) => rename(String(id)));
      }
    }
  });
}
