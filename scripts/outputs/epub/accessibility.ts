/**
 * The EPUB's schema.org accessibility metadata, told from what the chapters really hold: an
 * `accessibilityFeature` is claimed only for what is there (alternativeText only when every image
 * has a text alternative, MathML when there are formulas), `accessMode` `visual` only when there
 * are images, `textual` alone sufficient only when no image lacks a text alternative, and the
 * summary is in the book's language. A placeholder for an image that could not be had is text
 * (manuscript/images.ts), so it counts as no image. Values the author set in book.yaml win.
 *
 * The conformance claim of EPUB Accessibility 1.1 (`dcterms:conformsTo`, WCAG 2.2 AA) is made
 * only when the book's own checks pass: every image has a text alternative or is marked
 * decorative, and the build reported no warning of a rule in `conformanceRules`. What no build
 * can check (contrast of the author's own CSS, meaningful alt text, a sensible reading order) is
 * the author's to review; the claim says the tool found nothing against it.
 */
import type { Element, ElementContent } from 'hast';
import { visit } from '../../markdown/visit.js';
import type { Accessibility } from '../../config/load.js';
import type { Diagnostic } from '../../diagnostics.js';

/** What the chapters hold that the metadata speaks about. */
export interface ContentFacts {
  /** Images, drawings (`<svg>`) and figures with `role="img"`. */
  images: number;
  /** Images without a text alternative: an empty or absent alt, and no `role="presentation"`. */
  imagesWithoutText: number;
  /** MathML formulas, and how many carry `alttext`. */
  formulas: number;
  describedFormulas: number;
}

/** Counts the images and formulas of chapter contents (not descending into an image's own drawing). */
export function contentFacts(contents: ElementContent[][]): ContentFacts {
  const facts: ContentFacts = { images: 0, imagesWithoutText: 0, formulas: 0, describedFormulas: 0 };
  for (const content of contents) {
    visit({ type: 'root', children: content }, 'element', (node: Element) => {
      if (node.tagName === 'math') {
        facts.formulas++;
        if (typeof node.properties.alttext === 'string' && node.properties.alttext.trim()) facts.describedFormulas++;
        return 'skip';
      }
      const role = String(node.properties.role ?? '');
      if (node.tagName !== 'img' && node.tagName !== 'svg' && role !== 'img') return undefined;
      facts.images++;
      const named = [node.properties.alt, node.properties.ariaLabel, node.properties.ariaLabelledBy, node.properties.title].some((v) => (Array.isArray(v) ? v.length > 0 : typeof v === 'string' && v.trim() !== ''));
      const decorative = role === 'presentation' || role === 'none' || node.properties.ariaHidden === 'true';
      if (!named && !decorative) facts.imagesWithoutText++;
      return 'skip';
    });
  }
  return facts;
}

/** The summary's sentences per language: what every book has, then what this one adds. */
const summaries: Record<string, { base: string; images: string; math: string; pages: string }> = {
  en: {
    base: 'Reflowable text with structured headings, a table of contents and a logical reading order.',
    images: 'Every image has a text alternative.',
    math: 'Formulas are MathML, with their TeX source as alternative text.',
    pages: 'Page breaks and a page list follow the print edition.',
  },
  ko: {
    base: '글자 크기에 맞춰 다시 흐르는 본문에 구조화된 제목, 목차, 논리적인 읽기 순서를 갖추었습니다.',
    images: '모든 그림에 대체 텍스트가 있습니다.',
    math: '수식은 MathML이며, TeX 원문을 대체 텍스트로 담았습니다.',
    pages: '인쇄본의 쪽 나눔 표시와 쪽 목록이 있어 인쇄본과 같은 쪽으로 이동할 수 있습니다.',
  },
  ja: {
    base: 'リフロー型の本文で、構造化された見出し、目次、論理的な読み上げ順序を備えています。',
    images: 'すべての画像に代替テキストがあります。',
    math: '数式は MathML で、TeX の原文を代替テキストとして含みます。',
    pages: '印刷版の改ページ位置とページリストを備え、印刷版と同じページに移動できます。',
  },
  zh: {
    base: '可重排的正文，具有结构化标题、目录和合乎逻辑的阅读顺序。',
    images: '每张图片都有替代文本。',
    math: '公式采用 MathML，并以 TeX 原文作为替代文本。',
    pages: '具有印刷版的分页标记和页码列表，可跳转到与印刷版相同的页面。',
  },
  'zh-Hant': {
    base: '可重排的正文，具有結構化標題、目錄和合乎邏輯的閱讀順序。',
    images: '每張圖片都有替代文字。',
    math: '公式採用 MathML，並以 TeX 原文作為替代文字。',
    pages: '具有印刷版的分頁標記和頁碼列表，可跳轉到與印刷版相同的頁面。',
  },
};

/** The summary sentences for a BCP 47 tag: Traditional Chinese by script or region, else the primary language, else English. */
function summaryFor(lang: string): (typeof summaries)[string] {
  const [primary = 'en', ...rest] = lang.split('-');
  if (primary.toLowerCase() === 'zh' && rest.some((part) => /^(hant|tw|hk|mo)$/i.test(part))) return summaries['zh-Hant'] as (typeof summaries)[string];
  return summaries[primary.toLowerCase()] ?? (summaries.en as (typeof summaries)[string]);
}

/**
 * The metadata of a book in `lang` whose chapters hold `facts`, with the author's explicit values
 * kept; `pageList`: the EPUB marks the print edition's page breaks and lists them.
 */
export function accessibilityMetadata(explicit: Partial<Accessibility>, facts: ContentFacts, lang: string, pageList = false): Accessibility {
  const alternativeText = facts.images > 0 && facts.imagesWithoutText === 0;
  const features = ['structuralNavigation', 'tableOfContents', 'readingOrder'];
  if (alternativeText) features.push('alternativeText');
  if (facts.formulas > 0) features.push('MathML');
  if (facts.formulas > 0 && facts.describedFormulas === facts.formulas) features.push('describedMath');
  if (pageList) features.push('printPageNumbers', 'pageNavigation');
  const sentences = summaryFor(lang);
  const describedMath = features.includes('describedMath');
  const summary = [sentences.base, alternativeText ? sentences.images : '', describedMath ? sentences.math : '', pageList ? sentences.pages : '']
    .filter(Boolean)
    // Chinese and Japanese sentences end in a full-width stop and follow each other without a space.
    .join(sentences.base.endsWith('。') ? '' : ' ');
  return {
    summary: explicit.summary ?? summary,
    accessMode: explicit.accessMode ?? (facts.images > 0 ? ['textual', 'visual'] : ['textual']),
    // An image without a text alternative is seen or missed: text alone is not enough for it.
    accessModeSufficient: explicit.accessModeSufficient ?? (facts.imagesWithoutText > 0 ? ['textual,visual'] : ['textual']),
    features: explicit.features ?? features,
    hazards: explicit.hazards ?? ['none'],
  };
}

/** The claim the EPUB makes when its checks pass. */
export const defaultConformance = 'EPUB Accessibility 1.1 - WCAG 2.2 Level AA';

/**
 * The rules of the build's warnings that go against a WCAG success criterion, and what one
 * instance is. Images without alt text are counted from the content itself (`ContentFacts`),
 * which `image-alt` warnings are part of. The book's language is always declared (the OPF and
 * every document carry it); whether the author gave it is `guessedLanguage` below.
 */
export const conformanceRules: Record<string, [one: string, many: string]> = {
  // WCAG 2.4.6 and 1.3.1: a heading must say what its section is about.
  'empty-heading': ['heading without text', 'headings without text'],
  // WCAG 3.1.2: a passage's language must be one a reader can look up (markdown/rehype-lang-tags.ts).
  'lang-tag': ['lang value that is not a well-formed language tag', 'lang values that are not well-formed language tags'],
};

/**
 * What keeps the book from claiming conformance, as phrases; none when its checks pass.
 * `guessedLanguage`: the book's language when the tool read it from the text (WCAG 3.1.1 needs
 * the right one, which only the author can vouch for).
 */
export function conformanceProblems(facts: ContentFacts, diagnostics: readonly Diagnostic[], guessedLanguage?: string): string[] {
  const count = (n: number, [one, many]: [string, string]): string => `${n} ${n === 1 ? one : many}`;
  const problems = guessedLanguage ? [`a language guessed from its text (${guessedLanguage}; write language: in book.yaml)`] : [];
  if (facts.imagesWithoutText) problems.push(count(facts.imagesWithoutText, ['image without a text alternative', 'images without a text alternative']));
  for (const [rule, words] of Object.entries(conformanceRules)) {
    // Warnings and the errors --release made of them; an info is not a problem.
    const found = diagnostics.filter((d) => d.ruleId === rule && d.fatal !== undefined).length;
    if (found) problems.push(count(found, words));
  }
  return problems;
}

/** The conformance metadata the EPUB states, and the line that says why it differs from what the author might expect. */
export interface Conformance {
  conformsTo?: string;
  certifier?: { name: string; credential?: string | undefined };
  note?: { severity: 'warning' | 'info'; message: string };
}

/**
 * The conformance claim and its certifier: the author's claim when book.yaml sets one (false: none),
 * else WCAG 2.2 AA when `problems` is empty. A certifier certifies a claim: without one it is left out too.
 */
export function conformanceOf(explicit: Partial<Accessibility>, problems: string[]): Conformance {
  const certifier = typeof explicit.certifiedBy === 'string' ? { name: explicit.certifiedBy } : explicit.certifiedBy;
  if (explicit.conformsTo === false) return {};
  const found = problems.join(', ');
  if (explicit.conformsTo) {
    const claim: Conformance = { conformsTo: explicit.conformsTo, ...(certifier && { certifier }) };
    // The author's claim stands, but a claim the book's own checks contradict must not pass unnoticed.
    if (problems.length) claim.note = { severity: 'warning', message: `EPUB: accessibility.conformsTo claims "${explicit.conformsTo}", but the book has ${found}` };
    return claim;
  }
  if (problems.length === 0) return { conformsTo: defaultConformance, ...(certifier && { certifier }) };
  const certified = certifier ? ` and names no certifier (${certifier.name})` : '';
  return {
    note: {
      // A certifier the author named and that is left out is a surprise worth a warning.
      severity: certifier ? 'warning' : 'info',
      message: `EPUB: the metadata makes no accessibility conformance claim ("${defaultConformance}")${certified}: the book has ${found}`,
    },
  };
}
