/**
 * Generates a book folder deterministically from a seed, for the benchmark and for tests that need
 * a long book: Korean and English prose, three heading levels, code blocks (some with very long
 * lines), tables, footnotes, images, links between chapters, and a few Mermaid diagrams and
 * formulas (one diagram every fourth chapter, a formula every seventh section). `pages` is approximate, for the
 * default 신국판 print geometry.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { solidPng } from '../test/helpers/png.js';
import { chineseSentence, hangul, hanzi, koreanSentence, zipfPicker } from './cjk-text.js';

export interface GeneratedBook {
  root: string;
  chapters: number;
  /** The chapter files, in reading order. */
  files: string[];
  /** Total Markdown characters written. */
  characters: number;
  /** Mermaid diagrams and formulas (inline and display) in the book. */
  diagrams: number;
  formulas: number;
}

/** A small seeded pseudo-random generator (mulberry32), so every run writes the same book. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const korean = [
  '컨테이너는 애플리케이션과 그 의존성을 하나의 단위로 묶어 어디서나 같은 방식으로 실행되게 합니다.',
  '이미지는 여러 개의 읽기 전용 레이어로 이루어지며, 컨테이너가 시작될 때 쓰기 가능한 레이어가 그 위에 더해집니다.',
  '도커 데몬은 호스트에서 실행되며 클라이언트의 요청을 받아 컨테이너를 만들고 관리합니다.',
  '볼륨을 사용하면 컨테이너가 삭제되어도 데이터가 남아 있어 데이터베이스 같은 서비스를 운영할 수 있습니다.',
  '네트워크 드라이버는 브리지, 호스트, 오버레이 등이 있으며 용도에 따라 선택합니다.',
  '하이퍼바이저 위에서 동작하는 가상 머신과 달리 컨테이너는 호스트의 커널을 공유합니다.',
  '빌드 캐시를 잘 활용하려면 자주 바뀌지 않는 명령을 Dockerfile의 앞쪽에 두는 것이 좋습니다.',
  '운영 환경에서는 컨테이너에 필요한 최소한의 권한만 주고 루트 사용자로 실행하지 않도록 합니다.',
];
const english = [
  'A container packages an application with everything it needs, so it runs the same on a laptop and in production.',
  'Images are built from layers; each instruction in a Dockerfile adds one, and unchanged layers come from the cache.',
  'The daemon listens on a socket and does the real work, while the command-line client only sends it requests.',
  'Volumes outlive the containers that use them, which is what makes stateful services practical.',
  'Compose describes several services, their networks and their volumes in one file that lives with the code.',
  'Health checks let the orchestrator restart a container that is running but no longer answering.',
];
const words = ['docker', 'image', 'layer', 'volume', 'network', 'compose', 'registry', 'build', 'run', 'exec'];

/**
 * The prose of a generated book: `mixed`, Korean and English sentences from a small vocabulary
 * (the original benchmark); `korean` and `chinese`, text with the character frequencies of real
 * prose (bench/cjk-text.ts), which real books' fonts and file sizes behave like.
 */
export type Prose = 'mixed' | 'korean' | 'chinese';

/** A sentence writer for `prose`. */
function sentences(prose: Prose, rnd: () => number): () => string {
  if (prose === 'korean') {
    const pick = zipfPicker(hangul, rnd);
    // Technical Korean prose carries some English: about one sentence in six.
    return () => (rnd() < 0.17 ? (english[Math.floor(rnd() * english.length)] as string) : koreanSentence(pick, rnd));
  }
  if (prose === 'chinese') {
    const pick = zipfPicker(hanzi, rnd);
    return () => chineseSentence(pick, rnd);
  }
  return () => (rnd() < 0.65 ? (korean[Math.floor(rnd() * korean.length)] as string) : (english[Math.floor(rnd() * english.length)] as string));
}

/** A paragraph of 3-6 sentences of the book's prose. */
function paragraph(rnd: () => number, sentence: () => string): string {
  const n = 3 + Math.floor(rnd() * 4);
  const parts: string[] = [];
  for (let i = 0; i < n; i++) parts.push(sentence());
  return parts.join(' ');
}

/** A fenced code block; one in eight has a line of about 1,500 characters. */
function codeBlock(rnd: () => number, n: number): string {
  const lines = ['FROM node:20-slim', 'WORKDIR /app', 'COPY package*.json ./', 'RUN npm ci --omit=dev', 'COPY . .', `EXPOSE ${3000 + n}`, 'CMD ["node", "server.js"]'];
  if (rnd() < 0.125) lines.splice(3, 0, `RUN echo ${Array.from({ length: 150 }, (_, i) => `${words[i % words.length]}${i}`).join('-')}`);
  return ['```dockerfile', ...lines, '```'].join('\n');
}

/** A table of docker commands with column alignment. */
function table(rnd: () => number): string {
  const rows = 3 + Math.floor(rnd() * 4);
  const out = ['| 명령 | 설명 | 예시 |', '|:-----|:-----|-----:|'];
  for (let i = 0; i < rows; i++) out.push(`| docker ${words[i % words.length]} | ${(korean[i % korean.length] as string).slice(0, 24)} | \`${i * 17}\` |`);
  return out.join('\n');
}

/** A flowchart whose labels differ per chapter, so that each is drawn (and cached) on its own. */
function diagram(n: number): string {
  return ['```mermaid', 'flowchart LR', `  A[소스 ${n}] --> B(이미지 빌드)`, `  B --> C{테스트 ${n}}`, '  C -->|통과| D[레지스트리]', '  C -->|실패| A', '```'].join('\n');
}

/** A paragraph with inline math and a display formula. */
function formula(n: number, section: number): string {
  return [`레이어 ${section}개를 공유하면 디스크 사용량은 $O(n + ${n}k)$로 줄어듭니다.`, '', `$$\\sum_{i=1}^{${section}} s_i \\le ${n} \\cdot \\max_i s_i$$`].join('\n');
}

/**
 * Markdown characters per printed page, by prose (calibrated with pdfinfo on 100-page books): full-width
 * Hanzi and real Korean text, without the mixed prose's English half, fill a page with fewer characters.
 */
const charactersPerPage: Record<Prose, number> = { mixed: 870, korean: 770, chinese: 510 };

/** One chapter of about `pages` printed pages. */
function chapter(rnd: () => number, sentence: () => string, prose: Prose, n: number, total: number, pages: number): string {
  const chinese = prose === 'chinese';
  const para = (): string => paragraph(rnd, sentence);
  const out = [chinese ? `# 第${n}章 容器的故事 ${n}` : `# ${n}장. 컨테이너 이야기 ${n} (Chapter ${n})`, '', para(), ''];
  // About 930 characters of the mixed prose, code and tables fill one 신국판 page (calibrated with pdfinfo);
  // 870 leaves room for the front matter and the blank pages before right-hand chapter openers.
  const budget = pages * charactersPerPage[prose];
  let size = 0;
  let section = 0;
  while (size < budget) {
    section++;
    const block: string[] = [chinese ? `## ${n}.${section} 小节 ${section}` : `## ${n}.${section} 절 제목 ${section}`, '', para(), ''];
    block.push(chinese ? `### ${n}.${section}.1 细节` : `### ${n}.${section}.1 세부 항목`, '', para(), '', codeBlock(rnd, n), '', para(), '');
    if (section % 2 === 0) block.push(table(rnd), '');
    if (section % 3 === 0) block.push(`도커 문서에 따르면 레이어는 공유됩니다.[^n${n}s${section}]`, '', `[^n${n}s${section}]: 같은 베이스 이미지를 쓰는 컨테이너는 레이어를 디스크에 한 번만 저장합니다.`, '');
    if (section % 4 === 0) block.push(`![그림 ${n}-${section}](images/figure-${(section / 4) % 3}.png)`, '');
    if (section === 2 && n % 4 === 1) block.push(diagram(n), '');
    if (section % 7 === 0) block.push(formula(n, section), '');
    if (section % 5 === 0 && total > 1) block.push(`자세한 내용은 [${(n % total) + 1}장](chapter-${String((n % total) + 1).padStart(3, '0')}.md)을 참고하세요.`, '');
    const text = block.join('\n');
    size += text.length;
    out.push(text);
  }
  return out.join('\n');
}

/** Writes a book of about `pages` pages into `root` (created if needed). */
export function generateBook(root: string, options: { pages: number; seed?: number; pagesPerChapter?: number; prose?: Prose }): GeneratedBook {
  const rnd = random(options.seed ?? 42);
  const prose = options.prose ?? 'mixed';
  const sentence = sentences(prose, rnd);
  // Real Chinese technical books run to many short chapters (~200 in 1,000 pages).
  const perChapter = options.pagesPerChapter ?? (prose === 'chinese' ? 5 : 12);
  const chapters = Math.max(1, Math.round(options.pages / perChapter));
  const manuscript = path.join(root, 'manuscript');
  mkdirSync(path.join(manuscript, 'images'), { recursive: true });
  writeFileSync(
    path.join(manuscript, 'book.yaml'),
    [
      `title: 벤치마크 도서 ${options.pages}쪽`,
      'author: 생성기',
      `language: ${prose === 'chinese' ? 'zh-CN' : 'ko'}`,
      `identifier: urn:uuid:00000000-0000-4000-8000-${String(options.pages).padStart(12, '0')}`,
      'date: 2024-01-01',
      `output: bench-${options.pages}`,
      '',
    ].join('\n'),
  );
  const colours: [number, number, number][] = [[29, 53, 87], [233, 196, 106], [42, 157, 143]];
  colours.forEach((rgb, i) => writeFileSync(path.join(manuscript, 'images', `figure-${i}.png`), solidPng(600, 300, rgb)));
  let characters = 0;
  let diagrams = 0;
  let formulas = 0;
  const files: string[] = [];
  for (let n = 1; n <= chapters; n++) {
    const text = chapter(rnd, sentence, prose, n, chapters, perChapter);
    characters += text.length;
    diagrams += text.split('```mermaid').length - 1;
    formulas += 2 * (text.split('$$\\sum').length - 1);
    const file = path.join(manuscript, `chapter-${String(n).padStart(3, '0')}.md`);
    writeFileSync(file, `${text}\n`);
    files.push(file);
  }
  return { root, chapters, files, characters, diagrams, formulas };
}
