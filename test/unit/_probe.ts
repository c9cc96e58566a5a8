import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import { VFile } from 'vfile';
import { toHtml } from 'hast-util-to-html';
import { removeInvisibleCharacters } from '../../scripts/markdown/invisible-characters.js';
import remarkFrontMatter from '../../scripts/markdown/remark-front-matter.js';
import { createHtmlConverter, createMarkdownParser } from '../../scripts/markdown/processor.js';
import { labelsFor } from '../../scripts/config/labels.js';
import { wrapText } from '../../scripts/outputs/epub/cover.js';

console.log(JSON.stringify(removeInvisibleCharacters('\uFEFFa\uFFFCb\nc\u0001d\r\ne\uFEFFf\tg')));
console.log(JSON.stringify(removeInvisibleCharacters('x\u0000')));
console.log(JSON.stringify(removeInvisibleCharacters('\u0000')));
console.log(JSON.stringify(removeInvisibleCharacters('\uFEFF\uFEFFa')));
console.log(JSON.stringify(removeInvisibleCharacters('😀\uFFFC')));

const fm = (s: string) => { const f = new VFile(s); const p = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkFrontMatter); const t = p.runSync(p.parse(f), f); return { data: f.data, msgs: f.messages.map(m => [m.reason, m.line, m.column, m.fatal]), t: JSON.stringify(t).slice(0, 200) }; };
console.log(fm('---\ntitle: Hi\nlayout: post\n---\n# X'));
console.log(fm('---\ntitle: Hi\nbad: [1, 2\n---\n# X'));
console.log(fm('---\ntitle: Hi\n  x: : y\n---\n# X'));
console.log(fm('---\n- a\n---\n# X'));
console.log(fm('---\n---\n# X'));
console.log(fm('---\nfoo\n---\n# X'));

const mp = createMarkdownParser();
const conv = createHtmlConverter(labelsFor('en'));
const run = (s: string) => { const f = new VFile(s); const t = mp.runSync(mp.parse(f), f); const h = conv.runSync(t as any, f); return { html: toHtml(h as any), msgs: f.messages.map(m => `${m.line}:${m.column} ${m.reason}`) }; };
for (const s of [
  'a {% include ad.html %} b\n\n{% raw %}\n\n`{% x %}`\n\n```\n{% y %}\n```',
  'Run `docker` as <username> now.\n\n<username>\n\n<b>bold</b> <!-- c -->\n\n<!-- only -->\n\n<div align="center">x</div>',
  '<script>alert(1)</script>\n\n<p onclick="x()">t</p>\n\n<a href="javascript:alert(1)">l</a>\n\n<foo-bar>kept</foo-bar>\n\n<center>c</center>\n\n<style>p{}</style>\n\n<iframe src="x"></iframe>',
  '| a | b |\n|:-|-:|\n| 1 | 2 |\n\n- [x] done\n- [ ] todo\n\n~~gone~~ www.example.com https://x.org\n\n3. three\n4. four',
  'Text[^1] and[^n].\n\n[^1]: One.\n[^n]: Two\n\n    more',
  '```js\nconst a = 1;\n```\n\n```\nconst a = 1;\n```',
  '<table><tr><td align="right" valign="top" bgcolor="red">x</td></tr></table>\n\n<font color="red" size="3">f</font>',
]) console.log(run(s));
console.log(wrapText('도커를 익히는 가장 빠른 방법은 직접 해 보는 것이다', 6));
console.log(wrapText('Supercalifragilistic word', 3));
