/**
 * Generates a large book for the dev-server benchmark: chapters of Korean and English prose with
 * code blocks, tables, lists, footnotes and links between chapters, about 12 print pages each.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const korean = [
  '컨테이너는 애플리케이션과 그 실행 환경을 하나로 묶어 어디서나 같은 방식으로 실행되게 합니다.',
  '이미지는 읽기 전용 계층의 모음이며, 컨테이너는 그 위에 쓰기 가능한 계층을 하나 더 얹은 것입니다.',
  '가상 머신과 달리 컨테이너는 호스트의 커널을 공유하므로 훨씬 가볍고 빠르게 시작됩니다.',
  '네트워크와 볼륨을 이해하면 여러 컨테이너가 서로 협력하는 구성을 쉽게 설계할 수 있습니다.',
  '운영 환경에서는 로그, 모니터링, 자원 제한을 처음부터 함께 고려하는 것이 좋습니다.',
];
const english = [
  'A Dockerfile describes, step by step, how an image is assembled from a base image.',
  'Each instruction adds a layer, and unchanged layers are reused from the build cache.',
  'Compose files declare services, networks and volumes so that a whole stack starts with one command.',
  'Health checks let the orchestrator restart a container whose process is alive but no longer serving.',
];

/** A deterministic pseudo-random generator, so every run measures the same book. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

/** One paragraph mixing the two languages. */
function paragraph(next: () => number): string {
  const sentences: string[] = [];
  const count = 4 + Math.floor(next() * 4);
  for (let i = 0; i < count; i++) {
    const pool = next() < 0.7 ? korean : english;
    sentences.push(pool[Math.floor(next() * pool.length)] as string);
  }
  return sentences.join(' ');
}

/** The Markdown of chapter `n` (1-based) of `total`. */
export function chapterText(n: number, total: number, seed = n): string {
  const next = random(seed);
  const parts = [`# ${n}장. 도커 실습 ${n}`, '', paragraph(next), ''];
  for (let s = 1; s <= 6; s++) {
    parts.push(`## ${n}.${s} 주제 ${s}: Section ${s}`, '', paragraph(next), '', paragraph(next), '');
    parts.push('```bash', `docker build -t app-${n}-${s} .`, `docker run --rm -p 80${s}:80 app-${n}-${s}`, 'docker ps --format "{{.Names}}"', '```', '');
    parts.push(paragraph(next), '');
    parts.push('### 정리 Summary', '', '| 명령 | 설명 | Notes |', '|:-----|:----:|------:|');
    for (let r = 0; r < 5; r++) parts.push(`| \`docker ${['ps', 'logs', 'exec', 'stop', 'rm'][r]}\` | ${korean[r % korean.length]?.slice(0, 20)} | ${r + s} |`);
    parts.push('', `- 첫째 항목 ${s}`, `- Second item with **bold** and _emphasis_`, `- 셋째 항목[^n${s}]`, '', `[^n${s}]: 각주 ${s}: a footnote.`, '');
    const other = (n % total) + 1;
    parts.push(`자세한 내용은 [다음 장](${fileName(other)}) 을 참고하세요. ${paragraph(next)}`, '', paragraph(next), '', paragraph(next), '');
    parts.push('```js', `const server = http.createServer((req, res) => res.end('chapter ${n}'));`, `server.listen(${3000 + s});`, '```', '', paragraph(next), '');
  }
  return parts.join('\n');
}

/** File name of chapter `n`. */
export function fileName(n: number): string {
  return `${String(n).padStart(2, '0')}-chapter.md`;
}

/** Writes a book of `chapters` chapters under `root` and returns the chapter file paths. */
export function generateBook(root: string, chapters = 40): string[] {
  const dir = path.join(root, 'manuscript');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'book.yaml'), 'title: 벤치마크 책\nauthor: Bench\nlanguage: ko\nidentifier: urn:uuid:00000000-0000-4000-a000-000000000000\n');
  const files: string[] = [];
  for (let n = 1; n <= chapters; n++) {
    const file = path.join(dir, fileName(n));
    writeFileSync(file, chapterText(n, chapters));
    files.push(file);
  }
  return files;
}
