#!/usr/bin/env node
var __defProp = Object.defineProperty;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __esm = (fn, res, err) => function __init() {
  if (err) throw err[0];
  try {
    return fn && (res = (0, fn[__getOwnPropNames(fn)[0]])(fn = 0)), res;
  } catch (e) {
    throw err = [e], e;
  }
};
var __export = (target, all2) => {
  for (var name in all2)
    __defProp(target, name, { get: all2[name], enumerable: true });
};

// scripts/diagnostics.ts
import path from "node:path";
function vfileDiagnostics(file, root) {
  const rel2 = file.path ? path.relative(root, file.path) : void 0;
  return file.messages.map((m) => place({ severity: m.fatal ? "error" : "warning", message: m.reason }, rel2, m.line, m.column));
}
function place(d, file, line, column) {
  if (file) d.file = file;
  if (line) d.line = line;
  if (column) d.column = column;
  return d;
}
function formatDiagnostic(d, strict = false) {
  const where = d.file ? `${d.file}${d.line ? `:${d.line}${d.column ? `:${d.column}` : ""}` : ""}: ` : "";
  const severity = d.severity === "warning" && strict ? "error (strict)" : d.severity;
  return `${where}${severity}: ${d.message}`;
}
var BuildError, Diagnostics;
var init_diagnostics = __esm({
  "scripts/diagnostics.ts"() {
    "use strict";
    BuildError = class extends Error {
      constructor(message, options) {
        super(message, options);
        this.name = "BuildError";
      }
    };
    Diagnostics = class {
      list = [];
      /** Records a warning: the book can be built around it. */
      warn(message, file, line, column) {
        this.list.push(place({ severity: "warning", message }, file, line, column));
      }
      /** Records an error: the book cannot be built as written. */
      error(message, file, line, column) {
        this.list.push(place({ severity: "error", message }, file, line, column));
      }
      /** Adds diagnostics made elsewhere (replayed from a cache, say). */
      add(list) {
        this.list.push(...list);
      }
      /** Whether the build must fail: any error, or any warning under `--strict`. */
      failed(strict) {
        return this.list.some((d) => d.severity === "error" || strict && d.severity === "warning");
      }
      /** Drops every diagnostic (the dev server starts each rebuild afresh). */
      clear() {
        this.list.length = 0;
      }
    };
  }
});

// scripts/config/labels.ts
function labelsFor(language, overrides = {}) {
  const base = byLanguage[language.toLowerCase().split("-")[0] ?? ""] ?? english;
  const merged = { ...base };
  for (const key of Object.keys(base)) {
    const value = overrides[key];
    if (value) merged[key] = value;
  }
  return merged;
}
var english, byLanguage, labelKeys;
var init_labels = __esm({
  "scripts/config/labels.ts"() {
    "use strict";
    english = {
      toc: "Contents",
      footnotes: "Footnotes",
      backToText: "Back to text",
      cover: "Cover",
      titlePage: "Title page",
      landmarks: "Landmarks",
      start: "Start of content",
      imageMissing: "Image not available",
      continued: "continued"
    };
    byLanguage = {
      en: english,
      ko: {
        toc: "\uCC28\uB840",
        footnotes: "\uAC01\uC8FC",
        backToText: "\uBCF8\uBB38\uC73C\uB85C",
        cover: "\uD45C\uC9C0",
        titlePage: "\uC18D\uD45C\uC9C0",
        landmarks: "\uAE38\uC7A1\uC774",
        start: "\uBCF8\uBB38 \uC2DC\uC791",
        imageMissing: "\uC774\uBBF8\uC9C0\uB97C \uBD88\uB7EC\uC62C \uC218 \uC5C6\uC74C",
        continued: "\uACC4\uC18D"
      },
      ja: {
        toc: "\u76EE\u6B21",
        footnotes: "\u811A\u6CE8",
        backToText: "\u672C\u6587\u3078",
        cover: "\u8868\u7D19",
        titlePage: "\u6249",
        landmarks: "\u30E9\u30F3\u30C9\u30DE\u30FC\u30AF",
        start: "\u672C\u6587\u306E\u958B\u59CB",
        imageMissing: "\u753B\u50CF\u3092\u8868\u793A\u3067\u304D\u307E\u305B\u3093",
        continued: "\u7D9A\u304D"
      },
      zh: {
        toc: "\u76EE\u5F55",
        footnotes: "\u811A\u6CE8",
        backToText: "\u8FD4\u56DE\u6B63\u6587",
        cover: "\u5C01\u9762",
        titlePage: "\u4E66\u540D\u9875",
        landmarks: "\u5BFC\u822A",
        start: "\u6B63\u6587\u5F00\u59CB",
        imageMissing: "\u65E0\u6CD5\u663E\u793A\u56FE\u7247",
        continued: "\u7EED"
      },
      de: { ...english, toc: "Inhalt", footnotes: "Fu\xDFnoten", backToText: "Zur\xFCck zum Text", cover: "Umschlag", titlePage: "Titelseite", start: "Beginn des Inhalts", imageMissing: "Bild nicht verf\xFCgbar", continued: "Fortsetzung" },
      fr: { ...english, toc: "Table des mati\xE8res", footnotes: "Notes", backToText: "Retour au texte", cover: "Couverture", titlePage: "Page de titre", landmarks: "Rep\xE8res", start: "D\xE9but du contenu", imageMissing: "Image indisponible", continued: "suite" },
      es: { ...english, toc: "\xCDndice", footnotes: "Notas", backToText: "Volver al texto", cover: "Cubierta", titlePage: "Portada", landmarks: "Puntos de referencia", start: "Inicio del contenido", imageMissing: "Imagen no disponible", continued: "continuaci\xF3n" }
    };
    labelKeys = Object.keys(english);
  }
});

// scripts/config/schema.ts
import * as v from "valibot";
var nonEmpty, length, printSchema, accessibilitySchema, bookSchema;
var init_schema = __esm({
  "scripts/config/schema.ts"() {
    "use strict";
    nonEmpty = v.pipe(v.string(), v.trim(), v.minLength(1, "must not be empty"));
    length = v.union(
      [v.pipe(v.string(), v.regex(/^\d+(\.\d+)?(mm|cm|in|pt|px)$/, "must be a length such as 20mm, 0.75in or 12pt")), v.literal(0)],
      "must be a length such as 20mm, 0.75in or 12pt"
    );
    printSchema = v.strictObject({
      trim: v.optional(
        v.union(
          [
            v.picklist(["A5", "B5", "\uC2E0\uAD6D\uD310", "shinguk", "6x9", "US-trade"], "must be A5, B5, \uC2E0\uAD6D\uD310 (152\xD7225 mm), 6x9 or a {width, height} pair"),
            v.strictObject({ width: length, height: length })
          ],
          "must be A5, B5, \uC2E0\uAD6D\uD310 (152\xD7225 mm), 6x9 or a {width, height} pair"
        )
      ),
      margins: v.optional(
        v.strictObject({
          top: v.optional(length),
          bottom: v.optional(length),
          inner: v.optional(length),
          outer: v.optional(length)
        })
      ),
      bleed: v.optional(length),
      cropMarks: v.optional(v.boolean()),
      romanFrontMatter: v.optional(v.boolean()),
      fontSize: v.optional(length)
    });
    accessibilitySchema = v.strictObject({
      summary: v.optional(nonEmpty),
      accessMode: v.optional(v.array(nonEmpty)),
      accessModeSufficient: v.optional(v.array(nonEmpty)),
      features: v.optional(v.array(nonEmpty)),
      hazards: v.optional(v.array(nonEmpty))
    });
    bookSchema = v.strictObject({
      title: nonEmpty,
      subtitle: v.optional(nonEmpty),
      author: v.union([nonEmpty, v.pipe(v.array(nonEmpty), v.minLength(1, "must name at least one author"))], "must be a name or a list of names"),
      language: v.pipe(v.string(), v.regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, "must be a BCP 47 language tag such as ko, en or pt-BR")),
      identifier: nonEmpty,
      publisher: v.optional(nonEmpty),
      rights: v.optional(nonEmpty),
      date: v.optional(v.pipe(v.string(), v.regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, "must be a date such as 2021-04-29"))),
      description: v.optional(nonEmpty),
      subjects: v.optional(v.array(nonEmpty)),
      isbn: v.optional(v.pipe(v.string(), v.regex(/^(97[89][- ]?)?(\d[- ]?){9}[\dXx]$/, "must be an ISBN-10 or ISBN-13"))),
      cover: v.optional(nonEmpty),
      output: v.optional(v.pipe(v.string(), v.regex(/^[A-Za-z0-9._-]+$/, "must be a file name of letters, digits, dots, dashes or underscores"))),
      chapters: v.optional(v.array(nonEmpty)),
      labels: v.optional(v.record(v.string(), v.string())),
      accessibility: v.optional(accessibilitySchema),
      print: v.optional(printSchema)
    });
  }
});

// scripts/config/print.ts
function toMm(length2) {
  if (typeof length2 === "number") return length2;
  const m = /^(\d+(?:\.\d+)?)(mm|cm|in|pt|px)$/.exec(length2);
  if (!m) throw new Error(`not a length: ${length2}`);
  return Number(m[1]) * mmPer[m[2]];
}
function resolvePrint(print) {
  const trim2 = print.trim ?? "\uC2E0\uAD6D\uD310";
  const [trimWidth, trimHeight] = typeof trim2 === "string" ? presets[trim2] : [toMm(trim2.width), toMm(trim2.height)];
  const m = print.margins ?? {};
  return {
    trimWidth,
    trimHeight,
    trimName: typeof trim2 === "string" ? trim2 : "custom",
    margins: {
      top: toMm(m.top ?? "20mm"),
      bottom: toMm(m.bottom ?? "22mm"),
      inner: toMm(m.inner ?? "22mm"),
      outer: toMm(m.outer ?? "16mm")
    },
    bleed: toMm(print.bleed ?? 0),
    cropMarks: print.cropMarks ?? (print.bleed !== void 0 && toMm(print.bleed) > 0),
    romanFrontMatter: print.romanFrontMatter ?? true,
    fontSize: toMm(print.fontSize ?? "10pt") * 72 / 25.4
  };
}
var presets, mmPer;
var init_print = __esm({
  "scripts/config/print.ts"() {
    "use strict";
    presets = {
      A5: [148, 210],
      B5: [182, 257],
      \uC2E0\uAD6D\uD310: [152, 225],
      shinguk: [152, 225],
      "6x9": [152.4, 228.6],
      "US-trade": [152.4, 228.6]
    };
    mmPer = { mm: 1, cm: 10, in: 25.4, pt: 25.4 / 72, px: 25.4 / 96 };
  }
});

// scripts/config/load.ts
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path2 from "node:path";
import * as v2 from "valibot";
import { LineCounter, parseDocument, isNode } from "yaml";
function loadConfig(root, diagnostics) {
  const manuscriptDir = path2.join(root, "manuscript");
  if (!existsSync(manuscriptDir)) {
    throw new BuildError(`${root} is not a book folder: it has no manuscript/ folder`);
  }
  const metadataFile = metadataNames.map((n) => path2.join(manuscriptDir, n)).find((f) => existsSync(f));
  const file = metadataFile ? readMetadata(metadataFile, root, diagnostics) : defaultMetadata(root, diagnostics);
  return resolve(root, file, metadataFile, diagnostics);
}
function readMetadata(file, root, diagnostics) {
  const rel2 = path2.relative(root, file);
  const lineCounter = new LineCounter();
  const doc = parseDocument(readFileSync(file, "utf8"), { lineCounter, prettyErrors: false });
  if (doc.errors.length) {
    for (const e of doc.errors) {
      const pos = lineCounter.linePos(e.pos[0]);
      diagnostics.error(`invalid YAML: ${e.message.split("\n")[0]}`, rel2, pos.line, pos.col);
    }
    throw new BuildError(`${rel2} is not valid YAML`);
  }
  const result = v2.safeParse(bookSchema, doc.toJS() ?? {});
  if (!result.success) {
    for (const issue of result.issues) {
      const keyPath = (issue.path ?? []).map((p) => p.key);
      const node = keyPath.length ? doc.getIn(keyPath, true) : void 0;
      const offset = isNode(node) && node.range ? node.range[0] : void 0;
      const pos = offset === void 0 ? void 0 : lineCounter.linePos(offset);
      const name = keyPath.join(".") || "(file)";
      diagnostics.error(`${name}: ${describeIssue(issue)}`, rel2, pos?.line, pos?.col);
    }
    throw new BuildError(`${rel2} does not describe a valid book (see the errors above)`);
  }
  for (const key of Object.keys(result.output.labels ?? {})) {
    if (!labelKeys.includes(key)) diagnostics.warn(`labels.${key} is not a label this tool uses (known: ${labelKeys.join(", ")})`, rel2);
  }
  return result.output;
}
function describeIssue(issue) {
  if (issue.kind === "schema" && issue.expected === "never") return "is not a known field";
  if (issue.received === "undefined") return "is required";
  return issue.message.replace(/^Invalid (type|key|format): /, "");
}
function defaultMetadata(root, diagnostics) {
  const name = path2.basename(path2.resolve(root));
  diagnostics.warn('no manuscript/book.yaml: using the folder name as title, "Unknown" as author and English as language', "manuscript");
  return { title: name, author: "Unknown", language: "en", identifier: `urn:uuid:${uuidFrom(name)}` };
}
function resolve(root, file, metadataFile, diagnostics) {
  const manuscriptDir = path2.join(root, "manuscript");
  const config = {
    root,
    manuscriptDir,
    assetsDir: path2.join(root, "assets"),
    stylesDir: path2.join(root, "styles"),
    distDir: path2.join(root, "dist"),
    cacheDir: path2.join(root, ".cache"),
    title: file.title,
    authors: Array.isArray(file.author) ? file.author : [file.author],
    language: file.language,
    identifier: file.identifier,
    modified: modifiedDate(file.date),
    subjects: file.subjects ?? [],
    output: file.output ?? outputName(root),
    labels: labelsFor(file.language, file.labels),
    accessibility: {
      summary: file.accessibility?.summary ?? "This publication conforms to no formal accessibility standard yet: text is reflowable, headings are structured, and images have text alternatives where the author gave them.",
      accessMode: file.accessibility?.accessMode ?? ["textual", "visual"],
      accessModeSufficient: file.accessibility?.accessModeSufficient ?? ["textual"],
      features: file.accessibility?.features ?? ["structuralNavigation", "tableOfContents", "readingOrder", "alternativeText"],
      hazards: file.accessibility?.hazards ?? ["none"]
    },
    print: resolvePrint(file.print ?? {})
  };
  if (metadataFile) config.metadataFile = metadataFile;
  if (file.subtitle) config.subtitle = file.subtitle;
  if (file.publisher) config.publisher = file.publisher;
  if (file.rights) config.rights = file.rights;
  if (file.date) config.date = file.date;
  if (file.description) config.description = file.description;
  if (file.isbn) config.isbn = file.isbn.replace(/[- ]/g, "");
  if (file.chapters) config.chapters = file.chapters;
  if (file.cover) {
    const cover = path2.resolve(root, file.cover);
    if (!cover.startsWith(path2.resolve(root) + path2.sep)) {
      diagnostics.error(`cover: ${file.cover} is outside the book folder`, rel(root, metadataFile));
    } else if (!existsSync(cover)) {
      diagnostics.error(`cover: ${file.cover} does not exist`, rel(root, metadataFile));
    } else {
      config.cover = cover;
    }
  }
  return config;
}
function rel(root, file) {
  return file && path2.relative(root, file);
}
function modifiedDate(date) {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  if (epoch && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1e3);
  if (date) return /* @__PURE__ */ new Date(`${date.length === 4 ? `${date}-01-01` : date.length === 7 ? `${date}-01` : date}T00:00:00Z`);
  return /* @__PURE__ */ new Date("2000-01-01T00:00:00Z");
}
function outputName(root) {
  const slug = path2.basename(path2.resolve(root)).normalize("NFKD").replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^-+|-+$/g, "");
  return slug || "book";
}
function uuidFrom(text) {
  const h10 = createHash("sha256").update(text).digest("hex");
  return `${h10.slice(0, 8)}-${h10.slice(8, 12)}-4${h10.slice(13, 16)}-a${h10.slice(17, 20)}-${h10.slice(20, 32)}`;
}
var metadataNames;
var init_load = __esm({
  "scripts/config/load.ts"() {
    "use strict";
    init_diagnostics();
    init_labels();
    init_schema();
    init_print();
    metadataNames = ["book.yaml", "book.yml"];
  }
});

// scripts/log.ts
function log(line) {
  process.stderr.write(`${line}
`);
}
async function stage(name, run, quiet = false) {
  const start = performance.now();
  const result = await run();
  if (!quiet) log(`\u2022 ${name} (${Math.round(performance.now() - start)} ms)`);
  return result;
}
function formatSize(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(2)} MB`;
}
var init_log = __esm({
  "scripts/log.ts"() {
    "use strict";
  }
});

// scripts/markdown/rehype-heading-ids.ts
import { headingRank } from "hast-util-heading-rank";
import { toString } from "hast-util-to-string";
import { SKIP, visit } from "unist-util-visit";
function rehypeHeadingIds(options) {
  const { registry, fileSlugger, anchors, headings, maxDepth } = options;
  return (tree, file) => {
    visit(tree, "element", (node) => {
      if (node.properties["epub:type"] === "footnotes") return SKIP;
      const rank = headingRank(node);
      const own = node.properties.id;
      if (rank === void 0) {
        if (node.properties["epub:type"] === "footnote" || node.properties["epub:type"] === "noteref") return void 0;
        if (typeof own === "string" && own) {
          const id2 = unique(registry, own);
          if (id2 !== own) file.message(`the id "${own}" is used twice in the book: renamed to "${id2}"`, { place: node.position, ruleId: "duplicate-id" });
          node.properties.id = id2;
          anchors.set(own, id2);
        }
        return void 0;
      }
      const text = toString(node).trim();
      const local = typeof own === "string" && own ? own : fileSlugger.slug(text) || "section";
      const id = unique(registry, local);
      node.properties.id = id;
      anchors.set(local, id);
      if (rank <= maxDepth) headings.push({ depth: rank, text, id });
      return void 0;
    });
  };
}
function unique(registry, base) {
  let id = base;
  for (let n = 1; registry.used.has(id); n++) id = `${base}-${n}`;
  registry.used.add(id);
  return id;
}
var init_rehype_heading_ids = __esm({
  "scripts/markdown/rehype-heading-ids.ts"() {
    "use strict";
  }
});

// scripts/markdown/rehype-links.ts
import path3 from "node:path";
import { visit as visit2 } from "unist-util-visit";
function rehypeLinks(options) {
  return (tree, file) => {
    const localIds = /* @__PURE__ */ new Set();
    visit2(tree, "element", (node) => {
      if (typeof node.properties.id === "string") localIds.add(node.properties.id);
    });
    visit2(tree, "element", (node) => {
      if (node.tagName !== "a" || typeof node.properties.href !== "string") return;
      const href = node.properties.href;
      if (external.test(href) || href.startsWith("//")) return;
      const resolved = resolveLink(href, options, localIds);
      if (resolved.href !== void 0) {
        node.properties.href = resolved.href;
      } else {
        file.message(`broken link "${safeDecode(href)}": ${resolved.problem}; the words are kept without the link`, { place: node.position, ruleId: "broken-link" });
        delete node.properties.href;
      }
    });
  };
}
function resolveLink(href, options, localIds) {
  const hashAt = href.indexOf("#");
  const filePart = safeDecode(hashAt === -1 ? href : href.slice(0, hashAt));
  const fragment = hashAt === -1 ? "" : safeDecode(href.slice(hashAt + 1));
  if (filePart === "") {
    if (fragment === "") return { href };
    const found = findAnchor(options.targets.files.get(options.source) ?? [], fragment, `no heading or anchor "#${fragment}" in this file`);
    if (found.href?.startsWith(`${options.href}#`)) return { href: found.href.slice(options.href.length) };
    if (found.href === void 0 && localIds.has(fragment)) return { href };
    return found;
  }
  const file = filePart.split("?")[0];
  const target = file.startsWith("/") ? path3.join(options.root, file) : path3.resolve(path3.dirname(options.source), file);
  if (!target.startsWith(options.root + path3.sep)) return { problem: "it leaves the book folder" };
  const chapters = options.targets.files.get(target);
  if (!chapters) {
    if (/\.(md|markdown)$/i.test(target)) return { problem: `${path3.relative(options.root, target)} is not a chapter of this book` };
    return { problem: `${path3.relative(options.root, target)} is not part of the book (only chapters and images are)` };
  }
  if (fragment === "") return { href: chapters[0].href };
  return findAnchor(chapters, fragment, `no heading or anchor "#${fragment}" in ${path3.relative(options.root, target)}`);
}
function findAnchor(chapters, fragment, problem) {
  for (const chapter of chapters) {
    const id = chapter.anchors.get(fragment) ?? chapter.anchors.get(fragment.toLowerCase());
    if (id !== void 0) return { href: `${chapter.href}#${id}` };
  }
  return { problem };
}
function safeDecode(text) {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
var external;
var init_rehype_links = __esm({
  "scripts/markdown/rehype-links.ts"() {
    "use strict";
    external = /^[a-z][a-z0-9+.-]*:/i;
  }
});

// scripts/manuscript/chapter-memo.ts
import { createHash as createHash2 } from "node:crypto";
function keyOf(...parts) {
  return createHash2("sha256").update(parts.join("\0")).digest("base64url").slice(0, 32);
}
var ChapterMemo;
var init_chapter_memo = __esm({
  "scripts/manuscript/chapter-memo.ts"() {
    "use strict";
    ChapterMemo = class {
      ids = /* @__PURE__ */ new Map();
      resolved = /* @__PURE__ */ new Map();
      usedIds = /* @__PURE__ */ new Set();
      usedResolved = /* @__PURE__ */ new Set();
      /** The id-pass result for `key`, if any. */
      getIds(key) {
        this.usedIds.add(key);
        return this.ids.get(key);
      }
      /** Stores an id-pass result. */
      setIds(key, result) {
        this.usedIds.add(key);
        this.ids.set(key, result);
      }
      /** The links-and-images result for `key`, if any. */
      getResolved(key) {
        this.usedResolved.add(key);
        return this.resolved.get(key);
      }
      /** Stores a links-and-images result. */
      setResolved(key, result) {
        this.usedResolved.add(key);
        this.resolved.set(key, result);
      }
      /** Forgets entries the build that just ended did not use, so memory stays bounded. */
      sweep() {
        for (const key of this.ids.keys()) if (!this.usedIds.has(key)) this.ids.delete(key);
        for (const key of this.resolved.keys()) if (!this.usedResolved.has(key)) this.resolved.delete(key);
        this.usedIds.clear();
        this.usedResolved.clear();
      }
    };
  }
});

// scripts/assets/image-info.ts
import { GIF } from "image-size/types/gif";
import { JPG } from "image-size/types/jpg";
import { PNG } from "image-size/types/png";
import { SVG } from "image-size/types/svg";
import { WEBP } from "image-size/types/webp";
function sniffImage(data) {
  for (const format of FORMATS) {
    const start = format.start(data);
    if (start < 0) continue;
    const image = data.subarray(start);
    if (!format.complete(image)) return void 0;
    return { mediaType: format.mediaType, extension: format.extension, ...measure(format, image) };
  }
  return void 0;
}
function measure(format, image) {
  try {
    const { width: width2, height: height2 } = format.measure.calculate(image);
    return isPositive(width2) && isPositive(height2) ? { width: width2, height: height2 } : {};
  } catch {
    return {};
  }
}
function isPositive(value) {
  return typeof value === "number" && Number.isFinite(value) && value > 0;
}
function pngComplete(data) {
  let pos = PNG_SIGNATURE.length;
  while (pos + 12 <= data.length) {
    const type = latin1(data, pos + 4, pos + 8);
    pos += 12 + readUInt32BE(data, pos);
    if (pos > data.length) return false;
    if (type === "IEND") return true;
  }
  return false;
}
function jpegComplete(data) {
  let pos = 2;
  while (pos + 1 < data.length) {
    if (data[pos] !== 255) return false;
    const marker = data[pos + 1];
    if (marker === 217) return true;
    if (marker === 255) {
      pos += 1;
      continue;
    }
    if (marker === 1 || marker >= 208 && marker <= 215) {
      pos += 2;
      continue;
    }
    if (pos + 3 >= data.length) return false;
    pos += 2 + readUInt16BE(data, pos + 2);
    if (marker === 218) pos = endOfScan(data, pos);
  }
  return false;
}
function endOfScan(data, pos) {
  for (let ff = data.indexOf(255, pos); ff !== -1; ff = data.indexOf(255, ff + 1)) {
    const next = data[ff + 1];
    if (next === void 0) return ff;
    if (next !== 0 && !(next >= 208 && next <= 215)) return ff;
  }
  return data.length;
}
function gifComplete(data) {
  let pos = 13 + colorTableSize(data[10]);
  let frames = 0;
  while (pos < data.length) {
    const block = data[pos];
    if (block === 59) return true;
    if (block === 33) {
      pos = skipSubBlocks(data, pos + 2);
    } else if (block === 44) {
      if (pos + 10 > data.length) return false;
      pos = skipSubBlocks(data, pos + 10 + colorTableSize(data[pos + 9]) + 1);
      frames += 1;
    } else {
      return false;
    }
  }
  return pos === data.length && frames > 0;
}
function colorTableSize(packed) {
  if (packed === void 0 || (packed & 128) === 0) return 0;
  return 3 * 2 ** ((packed & 7) + 1);
}
function skipSubBlocks(data, pos) {
  while (pos < data.length) {
    const size = data[pos];
    pos += 1 + size;
    if (size === 0) return pos;
  }
  return data.length + 1;
}
function svgRootOffset(data) {
  const text = latin1(data, 0, SVG_ROOT_WITHIN);
  let pos = text.startsWith("\xEF\xBB\xBF") ? 3 : 0;
  for (; ; ) {
    while (/[ \t\r\n]/.test(text.charAt(pos))) pos += 1;
    let end;
    if (text.startsWith("<?", pos)) {
      end = afterToken(text, "?>", pos);
    } else if (text.startsWith("<!--", pos)) {
      end = afterToken(text, "-->", pos + 4);
    } else if (text.slice(pos, pos + 9).toUpperCase() === "<!DOCTYPE") {
      const bracket = text.indexOf("[", pos);
      const close = text.indexOf(">", pos);
      end = bracket !== -1 && bracket < close ? afterToken(text, ">", text.indexOf("]", bracket)) : afterToken(text, ">", pos);
    } else {
      return /^<svg[ \t\r\n>/]/.test(text.slice(pos, pos + 5)) ? pos : -1;
    }
    if (end === -1) return -1;
    pos = end;
  }
}
function afterToken(text, token, from) {
  if (from === -1) return -1;
  const found = text.indexOf(token, from);
  return found === -1 ? -1 : found + token.length;
}
function svgComplete(image) {
  const text = latin1(image, 0, image.length);
  const close = text.lastIndexOf("</svg");
  if (close !== -1) return /^<\/svg\s*>(?:\s|<!--[\s\S]*?-->|<\?[\s\S]*?\?>)*$/.test(text.slice(close));
  const root = /^<svg(?:[^>"']|"[^"]*"|'[^']*')*>/.exec(text);
  return root !== null && root[0].endsWith("/>");
}
function startsWith(data, bytes) {
  return data.length >= bytes.length && bytes.every((byte, i) => data[i] === byte);
}
function latin1(data, start, end) {
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString("latin1", start, Math.min(end, data.length));
}
function readUInt32BE(data, pos) {
  return (data[pos] ?? 0) * 2 ** 24 + ((data[pos + 1] ?? 0) << 16) + ((data[pos + 2] ?? 0) << 8) + (data[pos + 3] ?? 0);
}
function readUInt32LE(data, pos) {
  return (data[pos] ?? 0) + ((data[pos + 1] ?? 0) << 8) + ((data[pos + 2] ?? 0) << 16) + (data[pos + 3] ?? 0) * 2 ** 24;
}
function readUInt16BE(data, pos) {
  return ((data[pos] ?? 0) << 8) + (data[pos + 1] ?? 0);
}
var SVG_ROOT_WITHIN, PNG_SIGNATURE, FORMATS;
var init_image_info = __esm({
  "scripts/assets/image-info.ts"() {
    "use strict";
    SVG_ROOT_WITHIN = 4096;
    PNG_SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];
    FORMATS = [
      {
        mediaType: "image/png",
        extension: "png",
        // Requiring IHDR first also rejects Apple's "CgBI" PNGs, which browsers cannot decode.
        start: (data) => startsWith(data, PNG_SIGNATURE) && latin1(data, 12, 16) === "IHDR" ? 0 : -1,
        complete: pngComplete,
        measure: PNG
      },
      {
        mediaType: "image/jpeg",
        extension: "jpg",
        start: (data) => startsWith(data, [255, 216, 255]) ? 0 : -1,
        complete: jpegComplete,
        measure: JPG
      },
      {
        mediaType: "image/gif",
        extension: "gif",
        start: (data) => /^GIF8[79]a$/.test(latin1(data, 0, 6)) ? 0 : -1,
        complete: gifComplete,
        measure: GIF
      },
      {
        mediaType: "image/webp",
        extension: "webp",
        start: (data) => latin1(data, 0, 4) === "RIFF" && latin1(data, 8, 12) === "WEBP" && /^VP8[ LX]$/.test(latin1(data, 12, 16)) ? 0 : -1,
        // The RIFF header states the file length, so a short file is easy to spot.
        complete: (data) => data.length >= 8 + readUInt32LE(data, 4),
        measure: WEBP
      },
      {
        mediaType: "image/svg+xml",
        extension: "svg",
        start: svgRootOffset,
        complete: svgComplete,
        measure: SVG
      }
    ];
  }
});

// scripts/assets/remote.ts
import { createHash as createHash3, randomBytes } from "node:crypto";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { STATUS_CODES } from "node:http";
import path4 from "node:path";
async function fetchRemoteImage(url, options) {
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    return missing("not a valid URL");
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    return missing(`unsupported protocol ${parsed.protocol} (only http and https)`);
  }
  const stem = path4.join(options.cacheDir, CACHE_SUBDIR, createHash3("sha256").update(url).digest("hex"));
  const cached = await readCache(stem);
  if (cached) return cached;
  const downloaded = await download(parsed, options.timeoutMs ?? DEFAULT_TIMEOUT_MS, options.maxBytes ?? DEFAULT_MAX_BYTES);
  if (!downloaded.ok) return downloaded;
  const cacheWarning = await writeCache(`${stem}.${downloaded.info.extension}`, downloaded.data);
  return cacheWarning === void 0 ? downloaded : { ...downloaded, cacheWarning };
}
async function fetchRemoteImages(urls, options) {
  const queue = [...new Set(urls)];
  const results = /* @__PURE__ */ new Map();
  async function worker() {
    for (let url = queue.shift(); url !== void 0; url = queue.shift()) {
      results.set(url, await fetchRemoteImage(url, options));
    }
  }
  await Promise.all(Array.from({ length: Math.min(PARALLEL_DOWNLOADS, queue.length) }, worker));
  return results;
}
async function readCache(stem) {
  for (const extension of EXTENSIONS) {
    let data;
    try {
      data = await readFile(`${stem}.${extension}`);
    } catch {
      continue;
    }
    const info = sniffImage(data);
    if (info) return { ok: true, data, info, fromCache: true };
  }
  return void 0;
}
async function writeCache(file, data) {
  const temp = `${file}.${process.pid}-${randomBytes(4).toString("hex")}.tmp`;
  try {
    await mkdir(path4.dirname(file), { recursive: true });
    await writeFile(temp, data);
    await rename(temp, file);
    return void 0;
  } catch (error) {
    await rm(temp, { force: true }).catch(() => void 0);
    return `could not write the image cache: ${error instanceof Error ? error.message : String(error)}`;
  }
}
async function download(url, timeoutMs, maxBytes) {
  try {
    const response = await fetch(url, {
      headers: REQUEST_HEADERS,
      redirect: "follow",
      signal: AbortSignal.timeout(timeoutMs)
    });
    if (!response.ok) {
      await response.body?.cancel();
      return missing(`HTTP ${response.status} ${response.statusText || STATUS_CODES[response.status] || ""}`.trim());
    }
    const data = await readBody(response, maxBytes);
    if (!data) return missing(`larger than ${formatLimit(maxBytes)}`);
    const info = sniffImage(data);
    if (info) return { ok: true, data, info, fromCache: false };
    return missing(notAnImage(response.headers.get("content-type"), data.length));
  } catch (error) {
    return missing(describeFailure(error, url, timeoutMs));
  }
}
async function readBody(response, maxBytes) {
  if (!response.body) return Buffer.alloc(0);
  const chunks = [];
  let size = 0;
  for await (const chunk of response.body) {
    size += chunk.byteLength;
    if (size > maxBytes) return void 0;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}
function notAnImage(contentType, size) {
  if (size === 0) return "the response is empty";
  const essence = contentType?.split(";")[0]?.trim().toLowerCase();
  if (!essence) return "the response is not an image (no Content-Type)";
  if (essence.startsWith("image/")) return `the response is not an image in a supported format (served as ${essence})`;
  return `the response is not an image (${essence})`;
}
function describeFailure(error, url, timeoutMs) {
  if (error instanceof Error && error.name === "TimeoutError") return `timed out after ${formatSeconds(timeoutMs)}`;
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const code = cause?.code;
  const message = cause instanceof Error ? cause.message : String(cause);
  switch (code) {
    case "ECONNREFUSED":
      return "connection refused";
    case "ECONNRESET":
      return "connection reset by the server";
    case "ENOTFOUND":
      return `host not found (${url.hostname})`;
    case "EAI_AGAIN":
      return `could not look up ${url.hostname} (no network?)`;
    case "ETIMEDOUT":
    case "UND_ERR_CONNECT_TIMEOUT":
      return "connection timed out";
    case "ENETUNREACH":
    case "EHOSTUNREACH":
      return "network unreachable";
  }
  if (typeof code === "string" && /^(CERT_|ERR_TLS_|ERR_SSL_|UNABLE_TO_|SELF_SIGNED_|DEPTH_ZERO_)/.test(code)) {
    return `TLS certificate problem (${code})`;
  }
  return message;
}
function missing(reason) {
  return { ok: false, reason };
}
function formatSeconds(ms) {
  return `${Number((ms / 1e3).toFixed(ms < 1e3 ? 2 : 1))} s`;
}
function formatLimit(bytes) {
  if (bytes >= 1024 * 1024) return `${Number((bytes / 1024 / 1024).toFixed(1))} MB`;
  if (bytes >= 1024) return `${Number((bytes / 1024).toFixed(1))} KB`;
  return `${bytes} bytes`;
}
var DEFAULT_TIMEOUT_MS, DEFAULT_MAX_BYTES, PARALLEL_DOWNLOADS, CACHE_SUBDIR, EXTENSIONS, REQUEST_HEADERS;
var init_remote = __esm({
  "scripts/assets/remote.ts"() {
    "use strict";
    init_image_info();
    DEFAULT_TIMEOUT_MS = 1e4;
    DEFAULT_MAX_BYTES = 20 * 1024 * 1024;
    PARALLEL_DOWNLOADS = 6;
    CACHE_SUBDIR = "remote-images";
    EXTENSIONS = ["png", "jpg", "gif", "webp", "svg"];
    REQUEST_HEADERS = {
      "User-Agent": "markdown-book-builder (remote image download)",
      // Listing only the formats we can embed keeps content-negotiating CDNs from answering with AVIF or JPEG XL.
      Accept: "image/png,image/jpeg,image/gif,image/webp,image/svg+xml;q=0.9,*/*;q=0.1"
    };
  }
});

// scripts/manuscript/images.ts
import { createHash as createHash4 } from "node:crypto";
import { existsSync as existsSync2, readFileSync as readFileSync2, statSync } from "node:fs";
import path5 from "node:path";
import { h } from "hastscript";
import { visit as visit3 } from "unist-util-visit";
async function resolveImages(sources, config, assets, diagnostics) {
  const uses = collectImages(sources);
  const downloads = await fetchRemoteImages(
    [...new Set(uses.filter((u) => remote.test(u.src)).map((u) => u.src))],
    { cacheDir: config.cacheDir }
  );
  for (const use of uses) {
    const where = [path5.relative(config.root, use.file), use.node.position?.start.line, use.node.position?.start.column];
    const download2 = remote.test(use.src) ? downloads.get(use.src) : void 0;
    if (download2?.ok && download2.cacheWarning) diagnostics.warn(`image "${use.src}": ${download2.cacheWarning}`, ...where);
    const loaded = remote.test(use.src) ? fromDownload(download2) : loadLocalImage(use.src, use.file, config);
    if ("refused" in loaded) {
      diagnostics.error(`image "${use.src}": ${loaded.refused}`, ...where);
      replaceWithPlaceholder(use, config.labels.imageMissing);
    } else if ("problem" in loaded) {
      diagnostics.warn(`image "${use.src}" left out: ${loaded.problem}; a placeholder shows its alt text`, ...where);
      replaceWithPlaceholder(use, config.labels.imageMissing);
    } else {
      const asset = registerAsset(assets, loaded.data, loaded.info, use.src);
      use.node.properties.src = asset.href;
      if (typeof use.node.properties.alt !== "string") use.node.properties.alt = "";
    }
  }
}
function collectImages(sources) {
  const uses = [];
  for (const { tree, file } of sources) {
    visit3(tree, "element", (node, _index, parent) => {
      if (node.tagName !== "img" || !parent) return;
      const src = typeof node.properties.src === "string" ? node.properties.src.trim() : "";
      uses.push({ node, parent, file, src });
    });
  }
  return uses;
}
function fromDownload(result) {
  if (!result) return { problem: "it was not downloaded" };
  return result.ok ? { data: result.data, info: result.info } : { problem: `download failed (${result.reason})` };
}
function localCandidates(src, chapterFile, config) {
  let decoded = src.split(/[?#]/)[0];
  try {
    decoded = decodeURIComponent(decoded);
  } catch {
  }
  const root = path5.resolve(config.root);
  return decoded.startsWith("/") ? [path5.join(root, decoded), path5.join(config.assetsDir, decoded)] : [path5.resolve(path5.dirname(chapterFile), decoded), path5.resolve(config.assetsDir, decoded)];
}
function loadLocalImage(src, chapterFile, config) {
  if (src === "") return { problem: "the image has no path" };
  if (/^[a-z][a-z0-9+.-]*:/i.test(src)) return { problem: "only local files and http(s) addresses can be embedded" };
  const root = path5.resolve(config.root);
  const inside = localCandidates(src, chapterFile, config).filter((c) => c.startsWith(root + path5.sep));
  if (inside.length === 0) return { refused: "the path leaves the book folder, so it is not read" };
  const found = inside.find((c) => existsSync2(c) && statSync(c).isFile());
  if (!found) return { problem: `no such file (looked for ${inside.map((c) => path5.relative(root, c)).join(" and ")})` };
  const data = readFileSync2(found);
  const info = sniffImage(data);
  if (!info) return { problem: `${path5.relative(root, found)} is not a PNG, JPEG, GIF, WebP or SVG image` };
  return { data, info };
}
function imageStamp(src, chapterFile, config) {
  if (remote.test(src)) return src;
  const stamps = localCandidates(src, chapterFile, config).map((c) => {
    const stat = statSync(c, { throwIfNoEntry: false });
    return stat ? `${stat.size}:${stat.mtimeMs}` : "-";
  });
  return `${src}|${stamps.join("|")}`;
}
function imageSources(tree) {
  const sources = [];
  visit3(tree, "element", (node) => {
    if (node.tagName === "img") sources.push(typeof node.properties.src === "string" ? node.properties.src : "");
  });
  return sources;
}
function registerAsset(assets, data, info, origin) {
  const href = `images/${createHash4("sha256").update(data).digest("hex").slice(0, 16)}.${info.extension}`;
  let asset = assets.get(href);
  if (!asset) {
    asset = { href, mediaType: info.mediaType, data, origin };
    if (info.width) asset.width = info.width;
    if (info.height) asset.height = info.height;
    assets.set(href, asset);
  }
  return asset;
}
function replaceWithPlaceholder(use, label) {
  const alt = typeof use.node.properties.alt === "string" ? use.node.properties.alt : "";
  const placeholder = h("span", { className: ["image-missing"], role: "img", ariaLabel: alt || label }, `[${label}${alt ? `: ${alt}` : ""}]`);
  const index = use.parent.children.indexOf(use.node);
  use.parent.children[index] = placeholder;
}
var remote;
var init_images = __esm({
  "scripts/manuscript/images.ts"() {
    "use strict";
    init_image_info();
    init_remote();
    remote = /^https?:\/\//i;
  }
});

// scripts/markdown/invisible-characters.ts
function removeInvisibleCharacters(text) {
  const removed2 = [];
  const source2 = text.startsWith("\uFEFF") ? text.slice(1) : text;
  if (!junk.test(source2)) return { text: source2, removed: removed2 };
  junk.lastIndex = 0;
  let line = 1;
  let lineStart = 0;
  let scanned = 0;
  const cleaned = source2.replace(junk, (match, offset) => {
    for (let i = scanned; i < offset; i++) {
      if (source2.charCodeAt(i) === 10) {
        line++;
        lineStart = i + 1;
      }
    }
    scanned = offset;
    removed2.push({ codePoint: match.codePointAt(0), line, column: offset - lineStart + 1 });
    return "";
  });
  return { text: cleaned, removed: removed2 };
}
function codePointName(codePoint) {
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, "0")}`;
}
var junk;
var init_invisible_characters = __esm({
  "scripts/markdown/invisible-characters.ts"() {
    "use strict";
    junk = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFEFF\uFFFC\uFFFE\uFFFF]/g;
  }
});

// scripts/markdown/rehype-footnotes.ts
import { h as h2 } from "hastscript";
import { visit as visit4 } from "unist-util-visit";
function rehypeFootnotes(options) {
  return (tree) => {
    visit4(tree, "element", (node, index, parent) => {
      if (node.tagName === "a" && node.properties.dataFootnoteRef !== void 0) {
        node.properties["epub:type"] = "noteref";
        node.properties.role = "doc-noteref";
        delete node.properties.dataFootnoteRef;
        delete node.properties.ariaDescribedBy;
        return void 0;
      }
      if (node.tagName === "section" && node.properties.dataFootnotes !== void 0 && parent && index !== void 0) {
        parent.children[index] = notesSection(node, options);
        return "skip";
      }
      return void 0;
    });
  };
}
function notesSection(section, options) {
  const list = section.children.find((c) => c.type === "element" && c.tagName === "ol");
  const items = (list?.children ?? []).filter((c) => c.type === "element" && c.tagName === "li");
  const notes = items.map((item, n) => {
    const id = String(item.properties.id);
    const backrefs = [];
    visit4(item, "element", (el, index, parent) => {
      if (el.properties.dataFootnoteBackref === void 0 || !parent || index === void 0) return void 0;
      backrefs.push(el);
      parent.children.splice(index, 1);
      return index;
    });
    const back = backrefs[0];
    const number = h2("a", { href: back?.properties.href ?? "#", role: "doc-backlink", className: ["footnote-number"], title: options.backLabel }, `${n + 1}.`);
    const content = trimTrailingSpace(item.children);
    const firstParagraph = content.find((c) => c.type === "element" && c.tagName === "p");
    if (firstParagraph) firstParagraph.children.unshift(number, { type: "text", value: " " });
    else content.unshift(h2("p", [number]));
    return h2("aside", { id, "epub:type": "footnote", role: "doc-footnote", className: ["footnote"] }, content);
  });
  return h2("section", { className: ["footnotes"], "epub:type": "footnotes", role: "doc-endnotes" }, [
    h2("h2", { className: ["footnotes-title"] }, options.label),
    ...notes
  ]);
}
function trimTrailingSpace(children) {
  return children.filter((c) => !(c.type === "text" && c.value.trim() === ""));
}
var init_rehype_footnotes = __esm({
  "scripts/markdown/rehype-footnotes.ts"() {
    "use strict";
  }
});

// scripts/markdown/rehype-raw-html.ts
import { raw } from "hast-util-raw";
import { visit as visit5, EXIT } from "unist-util-visit";
function rehypeRawHtml() {
  return (tree, file) => {
    let found = false;
    visit5(tree, "raw", () => {
      found = true;
      return EXIT;
    });
    return found ? raw(tree, { file }) : tree;
  };
}
var init_rehype_raw_html = __esm({
  "scripts/markdown/rehype-raw-html.ts"() {
    "use strict";
  }
});

// scripts/markdown/rehype-xhtml-safe.ts
import { htmlTagNames } from "html-tag-names";
import { SKIP as SKIP2, visitParents } from "unist-util-visit-parents";
function rehypeXhtmlSafe() {
  return (tree, file) => {
    visitParents(tree, "element", (node, ancestors) => {
      const parent = ancestors.at(-1);
      if (!parent) return void 0;
      const index = parent.children.indexOf(node);
      const name = node.tagName;
      const foreign = ancestors.some((a) => a.type === "element" && (a.tagName === "svg" || a.tagName === "math"));
      if (removed.has(name)) {
        file.message(`removed <${name}>: EPUB content may not contain it`, { place: node.position, ruleId: "xhtml" });
        parent.children.splice(index, 1);
        return [SKIP2, index];
      }
      if (!known.has(name) && !name.includes(":") && !foreign) {
        file.message(`<${name}> is not an HTML element: kept its text`, { place: node.position, ruleId: "xhtml" });
        parent.children.splice(index, 1, ...node.children);
        return [SKIP2, index];
      }
      if (renamed[name]) {
        if (name === "center") addStyle(node, "text-align", "center");
        node.tagName = renamed[name];
      }
      cleanAttributes(node, file);
      return void 0;
    });
  };
}
function cleanAttributes(node, file) {
  const props = node.properties;
  for (const key of Object.keys(props)) {
    if (!xmlAttributeName.test(key)) {
      file.message(`removed the attribute ${key}: it is not a valid XHTML attribute name`, { place: node.position, ruleId: "xhtml" });
      delete props[key];
    } else if (/^on[A-Za-z]/.test(key)) {
      file.message(`removed the ${key.toLowerCase()} attribute: EPUB content may not run scripts`, { place: node.position, ruleId: "xhtml" });
      delete props[key];
    } else if (toCss[key] && !(key === "color" && node.tagName !== "span")) {
      addStyle(node, toCss[key], String(props[key]));
      delete props[key];
    } else if (dropped.includes(key) || (key === "width" || key === "height") && !["img", "video", "canvas", "svg"].includes(node.tagName)) {
      delete props[key];
    }
  }
  if (typeof props.href === "string" && /^\s*javascript:/i.test(props.href)) {
    file.message("removed a javascript: link", { place: node.position, ruleId: "xhtml" });
    delete props.href;
  }
}
function addStyle(node, property, value) {
  const style = typeof node.properties.style === "string" ? node.properties.style.trim() : "";
  node.properties.style = `${style}${style && !style.endsWith(";") ? "; " : style ? " " : ""}${property}: ${value};`;
}
var known, removed, renamed, toCss, xmlAttributeName, dropped;
var init_rehype_xhtml_safe = __esm({
  "scripts/markdown/rehype-xhtml-safe.ts"() {
    "use strict";
    known = new Set(htmlTagNames);
    removed = /* @__PURE__ */ new Set(["script", "noscript", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "link", "meta", "title", "head", "template"]);
    renamed = { center: "div", font: "span", big: "span", tt: "code", strike: "s", acronym: "abbr" };
    toCss = { align: "text-align", vAlign: "vertical-align", bgColor: "background-color", color: "color" };
    xmlAttributeName = /^(?:(?:epub|xml|xlink):)?[A-Za-z_][\w.-]*$/;
    dropped = ["border", "cellPadding", "cellSpacing", "frameBorder", "noWrap", "face", "size", "clear"];
  }
});

// scripts/markdown/rehype-table-align.ts
import { visit as visit6 } from "unist-util-visit";
function rehypeTableAlign() {
  return (tree) => {
    visit6(tree, "element", (node) => {
      if ((node.tagName === "td" || node.tagName === "th") && typeof node.properties.align === "string") {
        addStyle(node, "text-align", node.properties.align);
        delete node.properties.align;
      }
    });
  };
}
var init_rehype_table_align = __esm({
  "scripts/markdown/rehype-table-align.ts"() {
    "use strict";
    init_rehype_xhtml_safe();
  }
});

// scripts/markdown/remark-front-matter.ts
import { LineCounter as LineCounter2, parseDocument as parseDocument2 } from "yaml";
function remarkFrontMatter() {
  return (tree, file) => {
    const first = tree.children[0];
    if (!first || first.type !== "yaml") return;
    tree.children.shift();
    const lineCounter = new LineCounter2();
    const doc = parseDocument2(first.value, { lineCounter, prettyErrors: false });
    const startLine = (first.position?.start.line ?? 1) + 1;
    for (const error of doc.errors) {
      const pos = lineCounter.linePos(error.pos[0]);
      const message = file.message(`invalid front matter: ${error.message.split("\n")[0]}`, {
        place: { line: startLine + pos.line - 1, column: pos.col },
        ruleId: "front-matter"
      });
      message.fatal = true;
    }
    if (doc.errors.length) return;
    const value = doc.toJS();
    if (value === null || value === void 0) return;
    if (typeof value !== "object" || Array.isArray(value)) {
      const message = file.message("front matter must be a mapping of keys to values", { place: first.position, ruleId: "front-matter" });
      message.fatal = true;
      return;
    }
    file.data.matter = value;
  };
}
var init_remark_front_matter = __esm({
  "scripts/markdown/remark-front-matter.ts"() {
    "use strict";
  }
});

// scripts/markdown/remark-liquid.ts
import { visit as visit7, SKIP as SKIP3 } from "unist-util-visit";
function remarkLiquid() {
  return (tree, file) => {
    visit7(tree, "text", (node, index, parent) => {
      if (!parent || index === void 0 || !node.value.includes("{%")) return;
      const value = node.value.replace(tag, (_match, body, offset) => {
        file.message(`removed the Liquid tag {% ${body} %}: it only works in Jekyll`, { place: placeOf(node, offset), ruleId: "liquid" });
        return "";
      });
      if (value === node.value) return;
      if (value === "" || value.trim() === "" && parent.children.length === 1) {
        parent.children.splice(index, 1);
        return [SKIP3, index];
      }
      node.value = value;
      return void 0;
    });
    removeEmptyParagraphs(tree);
  };
}
function placeOf(node, offset) {
  const start = node.position?.start;
  if (!start) return void 0;
  const before = node.value.slice(0, offset).split("\n");
  return before.length === 1 ? { line: start.line, column: start.column + offset } : { line: start.line + before.length - 1, column: before.at(-1).length + 1 };
}
function removeEmptyParagraphs(tree) {
  visit7(tree, "paragraph", (node, index, parent) => {
    if (!parent || index === void 0 || node.children.length) return;
    parent.children.splice(index, 1);
    return [SKIP3, index];
  });
}
var tag;
var init_remark_liquid = __esm({
  "scripts/markdown/remark-liquid.ts"() {
    "use strict";
    tag = /\{%-?\s*([\s\S]*?)\s*-?%\}/g;
  }
});

// scripts/markdown/remark-raw-html.ts
import { htmlTagNames as htmlTagNames2 } from "html-tag-names";
import { visit as visit8 } from "unist-util-visit";
function remarkRawHtml() {
  return (tree, file) => {
    let foreign = 0;
    visit8(tree, "html", (node, index, parent) => {
      if (!parent || index === void 0) return;
      const value = node.value.replace(commentPattern, "");
      const opened = (value.match(foreignOpen) ?? []).length;
      const unknown = foreign > 0 || opened > 0 ? [] : unknownTags(value);
      foreign = Math.max(0, foreign + opened - (value.match(foreignClose) ?? []).length);
      if (value.trim() === "") {
        parent.children.splice(index, 1);
        return index;
      }
      if (unknown.length === 0) {
        node.value = value;
        return void 0;
      }
      file.message(`${unknown.map((t) => `<${t}>`).join(", ")} is not an HTML element: kept as text`, { place: node.position, ruleId: "raw-html" });
      const text = { type: "text", value };
      if (node.position) text.position = node.position;
      const isBlock = parent.type === "root" || parent.type === "blockquote" || parent.type === "listItem";
      parent.children[index] = isBlock ? { type: "paragraph", children: [text] } : text;
      return void 0;
    });
  };
}
function unknownTags(html) {
  const names = /* @__PURE__ */ new Set();
  for (const m of html.matchAll(tagPattern)) {
    const name = m[1].toLowerCase();
    if (!known2.has(name)) names.add(m[1]);
  }
  return [...names];
}
var known2, tagPattern, commentPattern, foreignOpen, foreignClose;
var init_remark_raw_html = __esm({
  "scripts/markdown/remark-raw-html.ts"() {
    "use strict";
    known2 = new Set(htmlTagNames2);
    tagPattern = /<\/?([A-Za-z][A-Za-z0-9-]*)(?=[\s/>])/g;
    commentPattern = /<!--[\s\S]*?-->/g;
    foreignOpen = /<(?:svg|math)(?:\s[^>]*[^/]|)>/gi;
    foreignClose = /<\/(?:svg|math)\s*>/gi;
  }
});

// scripts/markdown/remark-table-cells.ts
import { toString as toString2 } from "mdast-util-to-string";
import { visit as visit9 } from "unist-util-visit";
function remarkTableCells() {
  return (tree, file) => {
    visit9(tree, "table", (table) => {
      const columns = table.align?.length ?? table.children[0]?.children.length ?? 0;
      for (const row of table.children) {
        if (row.children.length <= columns) continue;
        const lost = row.children.slice(columns).map((cell) => toString2(cell)).join(" | ");
        file.message(`this table row has ${row.children.length} cells but the table has ${columns} columns: "${lost}" is left out`, { place: row.position, ruleId: "table-cells" });
      }
    });
  };
}
var init_remark_table_cells = __esm({
  "scripts/markdown/remark-table-cells.ts"() {
    "use strict";
  }
});

// scripts/markdown/processor.ts
import rehypeHighlight from "rehype-highlight";
import remarkFrontmatter from "remark-frontmatter";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";
import { all } from "lowlight";
function createMarkdownParser() {
  return unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ["yaml"]).use(remarkFrontMatter).use(remarkLiquid).use(remarkTableCells).use(remarkRawHtml).freeze();
}
function createHtmlConverter(labels) {
  return unified().use(remarkRehype, {
    allowDangerousHtml: true,
    // Chapters are separate documents in every output, so short ids cannot clash.
    clobberPrefix: "",
    footnoteLabel: labels.footnotes,
    footnoteBackLabel: labels.backToText
  }).use(rehypeRawHtml).use(rehypeXhtmlSafe).use(rehypeHighlight, { languages: all, detect: false }).use(rehypeTableAlign).use(rehypeFootnotes, { label: labels.footnotes, backLabel: labels.backToText }).freeze();
}
var init_processor = __esm({
  "scripts/markdown/processor.ts"() {
    "use strict";
    init_rehype_footnotes();
    init_rehype_raw_html();
    init_rehype_table_align();
    init_rehype_xhtml_safe();
    init_remark_front_matter();
    init_remark_liquid();
    init_remark_raw_html();
    init_remark_table_cells();
  }
});

// scripts/manuscript/split-chapters.ts
function splitChapters(tree) {
  const definitions = tree.children.filter((n) => n.type === "footnoteDefinition");
  const content = tree.children.filter((n) => n.type !== "footnoteDefinition");
  const groups = [[]];
  for (const node of content) {
    if (node.type === "heading" && node.depth === 1 && groups.at(-1).length) groups.push([]);
    groups.at(-1).push(node);
  }
  return groups.filter((nodes) => nodes.length).map((nodes) => {
    const first = nodes[0];
    return {
      tree: { type: "root", children: [...nodes, ...definitions] },
      line: first.position?.start.line ?? 1,
      hasHeading: first.type === "heading" && first.depth === 1
    };
  });
}
var init_split_chapters = __esm({
  "scripts/manuscript/split-chapters.ts"() {
    "use strict";
  }
});

// scripts/manuscript/parse.ts
import { createHash as createHash5 } from "node:crypto";
import { readFileSync as readFileSync3 } from "node:fs";
import path6 from "node:path";
import { toString as toString3 } from "mdast-util-to-string";
import { VFile } from "vfile";
function copyTree(value) {
  if (Array.isArray(value)) return value.map(copyTree);
  if (value === null || typeof value !== "object") return value;
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return structuredClone(value);
  const copy = {};
  for (const [key, field] of Object.entries(value)) copy[key] = key === "position" ? field : copyTree(field);
  return copy;
}
function titleFromFileName(file) {
  return path6.basename(file, path6.extname(file)).replace(/^(\d{4}-\d{2}-\d{2}-|\d+[-_. ]*)/, "").replace(/[-_]+/g, " ").trim() || path6.basename(file);
}
var ManuscriptParser;
var init_parse = __esm({
  "scripts/manuscript/parse.ts"() {
    "use strict";
    init_invisible_characters();
    init_processor();
    init_chapter_memo();
    init_split_chapters();
    ManuscriptParser = class {
      parser = createMarkdownParser();
      converter;
      cache = /* @__PURE__ */ new Map();
      keep;
      /** Book-wide results per chapter, reused while their inputs are unchanged (kept parsers only). */
      memo = new ChapterMemo();
      /** `keep`: remember parsed files for later builds (the dev server); a one-off build need not. */
      constructor(labels, options = {}) {
        this.converter = createHtmlConverter(labels);
        this.keep = options.keep ?? false;
      }
      /**
       * The parsed chapters of `file`. When the parser keeps results, they are shared with later
       * builds: copy a tree (`copyTree`) before changing it.
       */
      parse(file) {
        const raw2 = readFileSync3(file, "utf8");
        const hash = createHash5("sha256").update(raw2).digest("hex");
        const cached = this.cache.get(file);
        if (cached && cached.hash === hash) return cached;
        const parsed = this.parseText(file, raw2, hash);
        if (this.keep) this.cache.set(file, parsed);
        return parsed;
      }
      /** Forgets a file (deleted or renamed). */
      forget(file) {
        this.cache.delete(file);
      }
      /** Does the actual work for `parse`. */
      parseText(file, raw2, hash) {
        const { text, removed: removed2 } = removeInvisibleCharacters(raw2);
        const vfile = new VFile({ path: file, value: text });
        for (const r of removed2) {
          vfile.message(`removed the invisible character ${codePointName(r.codePoint)}`, { place: { line: r.line, column: r.column }, ruleId: "invisible-character" });
        }
        const mdast = this.parser.runSync(this.parser.parse(vfile), vfile);
        const matterTitle = typeof vfile.data.matter?.title === "string" ? vfile.data.matter.title.trim() : void 0;
        const chapters = splitChapters(mdast).map((chunk) => {
          const first = chunk.tree.children[0];
          const tree = this.converter.runSync(chunk.tree, vfile);
          const chapter = { tree, line: chunk.line };
          if (chunk.hasHeading && first) chapter.heading = toString3(first).trim();
          return chapter;
        });
        const result = { file, hash, chapters, messages: vfile.messages };
        if (matterTitle) result.matterTitle = matterTitle;
        return result;
      }
    };
  }
});

// scripts/manuscript/sources.ts
import fs from "node:fs";
import path7 from "node:path";
import { toString as toString4 } from "mdast-util-to-string";
import remarkParse2 from "remark-parse";
import { unified as unified2 } from "unified";
import { visit as visit10 } from "unist-util-visit";
function listSources(manuscriptDir, chapters) {
  const collector = new Collector(path7.resolve(manuscriptDir));
  const order = collect(collector, chapters);
  if (collector.sources.length === 0) {
    collector.report("error", `No chapters were found: ${emptyHints[order]}`, { file: collector.dir });
  }
  return { sources: collector.sources, problems: collector.problems, order };
}
function collect(collector, chapters) {
  if (chapters) {
    addMetadataChapters(collector, chapters);
    return "metadata";
  }
  const summaryFile = path7.join(collector.dir, summaryName);
  if (fs.existsSync(summaryFile)) {
    addSummaryChapters(collector, summaryFile);
    return "summary";
  }
  addFilesByName(collector);
  return "file-name";
}
function source(file, depth, title, partTitle) {
  const result = { file, depth };
  if (title) result.title = title;
  if (partTitle) result.partTitle = partTitle;
  return result;
}
function isFile(file) {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}
function addMetadataChapters(collector, chapters) {
  const at = { file: path7.join(collector.dir, "book.yaml") };
  for (const chapter of chapters) collector.add(chapter, at, 0);
}
function addSummaryChapters(collector, summaryFile) {
  let text;
  try {
    text = fs.readFileSync(summaryFile, "utf8");
  } catch (error) {
    collector.report("error", `${summaryName} could not be read: ${error.message}`, { file: summaryFile });
    return;
  }
  new SummaryReader(collector, summaryFile).read(unified2().use(remarkParse2).parse(text));
}
function links(node) {
  const found = [];
  visit10(node, "link", (link) => {
    found.push(link);
  });
  return found;
}
function fileOf(url) {
  const file = url.split(/[?#]/, 1)[0] ?? "";
  try {
    return decodeURIComponent(file);
  } catch {
    return file;
  }
}
function addFilesByName(collector) {
  const files = findMarkdown(collector.dir, []).sort(comparePaths);
  for (const segments of files) collector.add(segments.join("/"), { file: collector.dir }, 0);
}
function findMarkdown(dir, rel2) {
  let entries;
  try {
    entries = fs.readdirSync(path7.join(dir, ...rel2), { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    if (isIgnored(entry.name)) return [];
    if (entry.isDirectory()) return findMarkdown(dir, [...rel2, entry.name]);
    return entry.isFile() && markdownExtension.test(entry.name) ? [[...rel2, entry.name]] : [];
  });
}
function isIgnored(name) {
  return name.startsWith(".") || name.startsWith("_") || name === "node_modules" || name === summaryName;
}
function comparePaths(a, b) {
  const length2 = Math.min(a.length, b.length);
  for (let i = 0; i < length2; i++) {
    const order = compareSegments(a[i], i === a.length - 1, b[i], i === b.length - 1);
    if (order !== 0) return order;
  }
  return a.length - b.length;
}
function compareSegments(a, aIsFile, b, bIsFile) {
  if (a === b) return 0;
  const keyA = aIsFile ? a.replace(markdownExtension, "") : a;
  const keyB = bIsFile ? b.replace(markdownExtension, "") : b;
  return naturalCompare(keyA, keyB) || Number(bIsFile) - Number(aIsFile) || naturalCompare(a, b);
}
function naturalCompare(a, b) {
  const chunksA = a.toLowerCase().match(/\d+|\D+/g) ?? [];
  const chunksB = b.toLowerCase().match(/\d+|\D+/g) ?? [];
  const length2 = Math.min(chunksA.length, chunksB.length);
  for (let i = 0; i < length2; i++) {
    const order = compareChunks(chunksA[i], chunksB[i]);
    if (order !== 0) return order;
  }
  return chunksA.length - chunksB.length || compareCodeUnits(a, b);
}
function compareChunks(a, b) {
  if (!/^\d/.test(a) || !/^\d/.test(b)) return compareCodeUnits(a, b);
  const numberA = a.replace(/^0+/, "");
  const numberB = b.replace(/^0+/, "");
  return numberA.length - numberB.length || compareCodeUnits(numberA, numberB);
}
function compareCodeUnits(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}
var summaryName, markdownExtension, urlScheme, summaryTitle, emptyHints, Collector, SummaryReader;
var init_sources = __esm({
  "scripts/manuscript/sources.ts"() {
    "use strict";
    summaryName = "SUMMARY.md";
    markdownExtension = /\.(md|markdown)$/i;
    urlScheme = /^[a-z][a-z\d+.-]*:/i;
    summaryTitle = /^(summary|table of contents|contents|목차|차례)$/i;
    emptyHints = {
      metadata: "none of the chapters listed in book.yaml can be used",
      summary: `${summaryName} lists no usable chapter file`,
      "file-name": "add .md files to the manuscript folder"
    };
    Collector = class {
      constructor(dir) {
        this.dir = dir;
      }
      dir;
      sources = [];
      problems = [];
      seen = /* @__PURE__ */ new Set();
      /** Checks a listed chapter path and keeps it when usable; returns whether it was kept. */
      add(written, at, depth, title, partTitle) {
        const file = this.resolve(written, at);
        if (!file) return false;
        if (!markdownExtension.test(file)) {
          this.report("warning", `"${written}" is not a Markdown file (.md or .markdown); skipped`, at);
        } else if (!isFile(file)) {
          this.report("error", `"${written}" does not exist`, at);
        } else if (this.seen.has(file)) {
          this.report("warning", `"${written}" is listed twice; only its first entry is kept`, at);
        } else {
          this.seen.add(file);
          this.sources.push(source(file, depth, title, partTitle));
          return true;
        }
        return false;
      }
      /** Records a problem at a place. */
      report(severity, message, at) {
        this.problems.push({ message, severity, ...at });
      }
      /** The absolute path of a listed file, or undefined (with an error) when it leaves the book folder. */
      resolve(written, at) {
        const file = path7.resolve(this.dir, written);
        const escapes = path7.isAbsolute(written) || path7.relative(this.dir, file).split(path7.sep)[0] === "..";
        if (!escapes) return file;
        this.report("error", `"${written}" leaves the book folder`, at);
        return void 0;
      }
    };
    SummaryReader = class {
      constructor(collector, summaryFile) {
        this.collector = collector;
        this.summaryFile = summaryFile;
      }
      collector;
      summaryFile;
      /** A part title waiting for the chapter it opens. */
      part;
      /** Reads every top-level block of the document. */
      read(root) {
        root.children.forEach((node, index) => this.block(node, index === 0));
      }
      /** Handles one top-level block; `first` tells whether it can be the document title. */
      block(node, first) {
        if (node.type === "list") this.list(node, 0);
        else if (node.type === "paragraph") this.entries(node, 0);
        else if (node.type === "heading") this.heading(node, first);
      }
      /** Takes a heading as a part title, unless it is the `# Summary` title or really a chapter link. */
      heading(node, first) {
        if (links(node).length > 0) return this.entries(node, 0);
        const text = toString4(node).trim();
        if (first && summaryTitle.test(text)) return;
        this.part = text || void 0;
      }
      /** Reads a list's items at `depth`, their sublists one level deeper. */
      list(node, depth) {
        for (const item of node.children) {
          for (const child of item.children) {
            if (child.type === "list") this.list(child, depth + 1);
            else if (child.type === "paragraph" || child.type === "heading") this.entries(child, depth);
          }
        }
      }
      /** Adds the links of a paragraph or heading as chapters at `depth`. */
      entries(node, depth) {
        const found = links(node);
        if (found.length === 0) {
          this.warn(`"${toString4(node).trim()}" has no link to a chapter file; skipped`, node);
        }
        for (const link of found) this.entry(link, depth);
      }
      /** Adds one linked chapter; the pending part title goes to the first chapter actually kept. */
      entry(link, depth) {
        const { url } = link;
        const title = toString4(link).trim();
        const file = fileOf(url);
        if (urlScheme.test(url)) {
          this.warn(`"${url}" is a web address, not a chapter file; skipped`, link);
        } else if (file === "") {
          this.warn(`"${title}" has no file yet (draft chapter); skipped`, link);
        } else if (this.collector.add(file, this.place(link), depth, title, this.part)) {
          this.part = void 0;
        }
      }
      /** Records a warning at a node of SUMMARY.md. */
      warn(message, node) {
        this.collector.report("warning", message, this.place(node));
      }
      /** The place of a node of SUMMARY.md, for problems. */
      place(node) {
        const start = node.position?.start;
        return start ? { file: this.summaryFile, line: start.line, column: start.column } : { file: this.summaryFile };
      }
    };
  }
});

// scripts/manuscript/load.ts
import path8 from "node:path";
import GithubSlugger from "github-slugger";
import { h as h3 } from "hastscript";
import { unified as unified3 } from "unified";
import { VFile as VFile2 } from "vfile";
async function loadManuscript(config, diagnostics, parser = new ManuscriptParser(config.labels)) {
  const { sources, problems } = listSources(config.manuscriptDir, config.chapters);
  for (const p of problems) diagnostics[p.severity === "error" ? "error" : "warn"](p.message, path8.relative(config.root, p.file), p.line, p.column);
  if (sources.length === 0) throw new BuildError("the book has no chapters");
  const pending = sources.flatMap((source2) => chaptersOf(source2, parser, config, diagnostics));
  pending.forEach((p, index) => {
    p.chapter.index = index;
    p.chapter.id = `ch${String(index + 1).padStart(2, "0")}`;
  });
  const targets = assignIds(pending, parser, config);
  const assets = /* @__PURE__ */ new Map();
  const resolved = await Promise.all(pending.map((p) => resolveChapter(p, targets, parser, config)));
  resolved.forEach((r, i) => {
    const p = pending[i];
    p.chapter.tree = r.tree;
    diagnostics.add(p.ids.messages);
    diagnostics.add(r.messages);
    for (const asset of r.assets) if (!assets.has(asset.href)) assets.set(asset.href, asset);
  });
  if (parser.keep) parser.memo.sweep();
  const manuscript = { config, chapters: pending.map((p) => p.chapter), assets };
  const cover = config.cover && loadCover(config, assets, diagnostics);
  if (cover) manuscript.cover = cover;
  return manuscript;
}
function chapterHref(chapter) {
  return `${chapter.id}.xhtml`;
}
function chaptersOf(source2, parser, config, diagnostics) {
  const parsed = parser.parse(source2.file);
  diagnostics.add(vfileDiagnostics(Object.assign(new VFile2({ path: source2.file }), { messages: parsed.messages }), config.root));
  if (parsed.chapters.length === 0) diagnostics.warn("the file is empty: no chapter made from it", path8.relative(config.root, source2.file));
  return parsed.chapters.map((part, chunk) => {
    const chapter = {
      index: 0,
      id: "",
      source: path8.relative(config.root, source2.file),
      line: part.line,
      title: part.heading || (chunk === 0 ? source2.title || parsed.matterTitle : void 0) || titleFromFileName(source2.file),
      depth: source2.depth,
      headings: [],
      tree: part.tree
    };
    if (chunk === 0 && source2.partTitle) chapter.partTitle = source2.partTitle;
    return { chapter, file: source2.file, parsed, part, chunk };
  });
}
function assignIds(pending, parser, config) {
  const registry = { used: /* @__PURE__ */ new Set() };
  const targets = { files: /* @__PURE__ */ new Map() };
  let slugger = new GithubSlugger();
  let usedSignature = "";
  pending.forEach((p, i) => {
    if (i === 0 || pending[i - 1]?.file !== p.file) slugger = new GithubSlugger();
    const key = keyOf("ids", p.parsed.hash, String(p.chunk), p.chapter.title, usedSignature);
    let ids = parser.keep ? parser.memo.getIds(key) : void 0;
    if (ids) {
      for (const id of ids.registered) registry.used.add(id);
      for (const text of ids.slugged) slugger.slug(text);
    } else {
      ids = runIds(p, registry, slugger, parser.keep, config);
      if (parser.keep) parser.memo.setIds(key, ids);
    }
    p.ids = ids;
    p.idsKey = key;
    p.chapter.headings = ids.headings;
    usedSignature = keyOf(usedSignature, ...ids.registered);
    const entries = targets.files.get(p.file) ?? [];
    entries.push({ href: chapterHref(p.chapter), anchors: ids.anchors });
    targets.files.set(p.file, entries);
  });
  return targets;
}
function runIds(p, registry, slugger, shared, config) {
  const tree = shared ? copyTree(p.part.tree) : p.part.tree;
  if (!p.part.heading) tree.children.unshift(h3("h1", p.chapter.title));
  const before = registry.used.size;
  const slugged = [];
  const recording = Object.assign(Object.create(slugger), {
    slug: (text, maintainCase) => {
      slugged.push(text);
      return slugger.slug(text, maintainCase);
    }
  });
  const result = { tree, anchors: /* @__PURE__ */ new Map(), headings: [], registered: [], slugged, images: [], messages: [] };
  const vfile = new VFile2({ path: p.file });
  unified3().use(rehypeHeadingIds, { registry, fileSlugger: recording, anchors: result.anchors, headings: result.headings, maxDepth: 3 }).runSync(tree, vfile);
  result.registered = [...registry.used].slice(before);
  result.images = imageSources(tree);
  result.messages = vfileDiagnostics(vfile, config.root);
  return result;
}
async function resolveChapter(p, targets, parser, config) {
  const ids = p.ids;
  const key = parser.keep ? keyOf("resolved", p.idsKey, p.chapter.id, targetsSignature(targets), ...ids.images.map((src) => imageStamp(src, p.file, config))) : "";
  const hit = parser.keep ? parser.memo.getResolved(key) : void 0;
  if (hit) return hit;
  const tree = parser.keep ? copyTree(ids.tree) : ids.tree;
  const vfile = new VFile2({ path: p.file });
  unified3().use(rehypeLinks, { targets, source: p.file, href: chapterHref(p.chapter), root: path8.resolve(config.root) }).runSync(tree, vfile);
  const scratch = new Diagnostics();
  const assets = /* @__PURE__ */ new Map();
  await resolveImages([{ tree, file: p.file }], config, assets, scratch);
  const result = { tree, assets: [...assets.values()], messages: [...vfileDiagnostics(vfile, config.root), ...scratch.list] };
  if (parser.keep && !scratch.list.some((d) => d.message.startsWith("image "))) parser.memo.setResolved(key, result);
  return result;
}
function targetsSignature(targets) {
  let signature2 = signatures.get(targets);
  if (signature2 === void 0) {
    const parts = [];
    for (const [file, entries] of targets.files) for (const e of entries) parts.push(file, e.href, ...[...e.anchors].flat());
    signature2 = keyOf(...parts);
    signatures.set(targets, signature2);
  }
  return signature2;
}
function loadCover(config, assets, diagnostics) {
  const cover = config.cover;
  const loaded = loadLocalImage(path8.relative(config.root, cover), path8.join(config.root, "book"), config);
  if ("data" in loaded) return registerAsset(assets, loaded.data, loaded.info, path8.relative(config.root, cover));
  diagnostics.error(`cover: ${"problem" in loaded ? loaded.problem : loaded.refused}`, config.metadataFile && path8.relative(config.root, config.metadataFile));
  return void 0;
}
var signatures;
var init_load2 = __esm({
  "scripts/manuscript/load.ts"() {
    "use strict";
    init_diagnostics();
    init_rehype_heading_ids();
    init_rehype_links();
    init_chapter_memo();
    init_images();
    init_parse();
    init_sources();
    signatures = /* @__PURE__ */ new WeakMap();
  }
});

// scripts/outputs/toc.ts
function buildToc(manuscript, maxDepth = 3) {
  const top = [];
  let stack = [];
  let container = top;
  for (const chapter of manuscript.chapters) {
    if (chapter.partTitle) {
      const part = { title: chapter.partTitle, children: [] };
      top.push(part);
      container = part.children;
      stack = [];
    }
    const entry = { title: chapter.title, chapter, children: headingEntries(chapter, maxDepth) };
    while (stack.length && stack.at(-1).depth >= chapter.depth) stack.pop();
    const parent = stack.at(-1);
    (parent ? parent.entry.children : container).push(entry);
    stack.push({ depth: chapter.depth, entry });
  }
  return top;
}
function headingEntries(chapter, maxDepth) {
  const result = [];
  const open = [];
  const headings = chapter.headings.filter((h10, i) => !(i === 0 && h10.depth === 1) && h10.depth <= maxDepth);
  for (const heading of headings) {
    const entry = { title: heading.text, chapter, id: heading.id, children: [] };
    while (open.length && open.at(-1).depth >= heading.depth) open.pop();
    const parent = open.at(-1);
    (parent ? parent.entry.children : result).push(entry);
    open.push({ depth: heading.depth, entry });
  }
  return result;
}
function flattenToc(entries, level = 0) {
  return entries.flatMap((entry) => [{ entry, level }, ...flattenToc(entry.children, level + 1)]);
}
var init_toc = __esm({
  "scripts/outputs/toc.ts"() {
    "use strict";
  }
});

// scripts/outputs/xhtml.ts
import { h as h4 } from "hastscript";
import { toXast } from "hast-util-to-xast";
import { toXml } from "xast-util-to-xml";
function xhtmlDocument(doc) {
  const html = h4(
    "html",
    { xmlns: "http://www.w3.org/1999/xhtml", "xmlns:epub": "http://www.idpf.org/2007/ops", lang: doc.lang, "xml:lang": doc.lang },
    [
      h4("head", [
        h4("meta", { charset: "utf-8" }),
        h4("title", doc.title),
        ...doc.stylesheets.map((href) => h4("link", { rel: "stylesheet", type: "text/css", href })),
        ...doc.head ?? []
      ]),
      h4("body", doc.bodyProperties ?? {}, doc.body)
    ]
  );
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
${toXml(toXast(html))}
`;
}
function xhtmlFragment(nodes) {
  const wrapper = toXml(toXast(h4("div", nodes)));
  return wrapper.replace(/^<div xmlns="http:\/\/www\.w3\.org\/1999\/xhtml">/, "").replace(/<\/div>$/, "");
}
var init_xhtml = __esm({
  "scripts/outputs/xhtml.ts"() {
    "use strict";
  }
});

// scripts/outputs/epub/cover.ts
function escapeXml(text) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
function textWidth(text) {
  let w = 0;
  for (const ch of text) w += /[\u1100-\u11ff\u2e80-\ua4cf\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]/.test(ch) ? 1 : 0.56;
  return w;
}
function wrapText(text, maxEm) {
  const lines = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (line && textWidth(candidate) > maxEm) {
      lines.push(line);
      line = word;
    } else {
      line = candidate;
    }
  }
  if (line) lines.push(line);
  return lines;
}
function typographicCover(title, subtitle, authors, lang) {
  const titleSize = 128;
  const titleLines = wrapText(title, (width - 320) / titleSize);
  const subtitleLines = subtitle ? wrapText(subtitle, (width - 320) / 64) : [];
  const text = (lines, y, size, weight, lineHeight) => lines.map((l, i) => `<text x="160" y="${y + i * size * lineHeight}" font-size="${size}" font-weight="${weight}">${escapeXml(l)}</text>`).join("\n    ");
  const titleTop = 760;
  const subtitleTop = titleTop + titleLines.length * titleSize * 1.3 + 60;
  return `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" version="1.1" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" xml:lang="${escapeXml(lang)}">
  <title>${escapeXml(title)}</title>
  <rect width="${width}" height="${height}" fill="#1d3557"/>
  <rect x="160" y="560" width="240" height="16" fill="#e9c46a"/>
  <g fill="#ffffff" font-family="'Noto Serif KR', 'Noto Serif CJK KR', 'Nanum Myeongjo', serif">
    ${text(titleLines, titleTop, titleSize, 700, 1.3)}
    ${text(subtitleLines, subtitleTop, 64, 400, 1.4)}
    ${text([authors.join(", ")], height - 360, 72, 400, 1.3)}
  </g>
</svg>
`;
}
var width, height;
var init_cover = __esm({
  "scripts/outputs/epub/cover.ts"() {
    "use strict";
    width = 1600;
    height = 2560;
  }
});

// scripts/outputs/epub/package.ts
import { EPub } from "epub-gen-memory";
async function packageEpub(input) {
  return new BookEPub(input).genEpub();
}
var BookEPub;
var init_package = __esm({
  "scripts/outputs/epub/package.ts"() {
    "use strict";
    BookEPub = class extends EPub {
      extraFiles;
      fixedDate;
      /** Prepares the container; nothing is rendered until `genEpub`. */
      constructor(input) {
        super(
          {
            title: input.title,
            lang: input.language,
            css: input.css,
            version: 3,
            prependChapterTitles: false,
            tocInTOC: false,
            numberChaptersInTOC: false,
            // Every document is already XHTML: the chapter template only prints it.
            chapterXHTML: "<%- xhtml %>",
            ...input.templates,
            ...input.templateData
          },
          // Empty content keeps its HTML normalizer (and its random image names) out of our text.
          input.documents.map((d) => ({ title: d.title, filename: d.filename, content: "", xhtml: d.xhtml }))
        );
        this.extraFiles = input.files;
        this.fixedDate = input.modified;
      }
      /** Stores our images and pages instead of downloading anything. */
      async downloadAllImages() {
        const oebps = this.zip.folder("OEBPS");
        for (const file of this.extraFiles) oebps?.file(file.href, file.data);
      }
      /** Fonts are left to the reading system (every store's readers carry CJK fonts). */
      async downloadAllFonts() {
      }
      /** The cover is one of our files (see `downloadAllImages`). */
      async makeCover() {
      }
      /** Generates the zip with one fixed date on every entry, so equal input gives equal bytes. */
      generateAsync = (options) => {
        this.zip.forEach((_path, entry) => {
          entry.date = this.fixedDate;
        });
        return super.generateAsync(options);
      };
    };
  }
});

// scripts/outputs/styles.ts
import { existsSync as existsSync3, readFileSync as readFileSync4 } from "node:fs";
import path9 from "node:path";
import { fileURLToPath } from "node:url";
function stylesheetPath(config, name) {
  const own = path9.join(config.stylesDir, name);
  return existsSync3(own) ? own : path9.join(defaultStylesDir, name);
}
function bookStylesheet(config, name) {
  return readFileSync4(stylesheetPath(config, name), "utf8");
}
var defaultStylesDir;
var init_styles = __esm({
  "scripts/outputs/styles.ts"() {
    "use strict";
    defaultStylesDir = path9.resolve(path9.dirname(fileURLToPath(import.meta.url)), "../../styles");
  }
});

// scripts/outputs/epub/index.ts
import { readFileSync as readFileSync5 } from "node:fs";
import path10 from "node:path";
import { fileURLToPath as fileURLToPath2 } from "node:url";
import { h as h5 } from "hastscript";
import { visit as visit11 } from "unist-util-visit";
async function buildEpub(manuscript) {
  const { config } = manuscript;
  const lang = config.language;
  const toc = buildToc(manuscript);
  const css = bookStylesheet(config, "epub.css");
  const documents = manuscript.chapters.map((chapter) => {
    const hasSvg = containsSvg(chapter.tree.children);
    const section = h5("section", { "epub:type": "chapter", role: "doc-chapter", id: chapter.id }, chapter.tree.children);
    const xhtml = xhtmlDocument({ lang, title: chapter.title, stylesheets: ["style.css"], body: [section], bodyProperties: { "epub:type": "bodymatter" } });
    return { filename: chapterHref(chapter), title: chapter.title, xhtml, hasSvg };
  });
  const files = [...manuscript.assets.values()].map((a) => ({ href: a.href, data: a.data }));
  const items = [
    { id: "nav", href: "toc.xhtml", mediaType: "application/xhtml+xml", properties: "nav" },
    { id: "ncx", href: "toc.ncx", mediaType: "application/x-dtbncx+xml" },
    { id: "css", href: "style.css", mediaType: "text/css" }
  ];
  let coverHref;
  if (manuscript.cover) {
    coverHref = manuscript.cover.href;
  } else {
    coverHref = "images/cover.svg";
    files.push({ href: coverHref, data: typographicCover(config.title, config.subtitle, config.authors, lang) });
    items.push({ id: "cover-image", href: coverHref, mediaType: "image/svg+xml", properties: "cover-image" });
  }
  const coverPage = xhtmlDocument({
    lang,
    title: config.labels.cover,
    stylesheets: ["style.css"],
    bodyProperties: { className: ["cover"] },
    body: [h5("section", { "epub:type": "cover", className: ["cover"] }, [h5("img", { src: coverHref, alt: `${config.title} \u2014 ${config.authors.join(", ")}` })])]
  });
  files.push({ href: "cover.xhtml", data: coverPage });
  items.push({ id: "cover", href: "cover.xhtml", mediaType: "application/xhtml+xml" });
  [...manuscript.assets.values()].forEach((asset, i) => {
    const isCover = asset === manuscript.cover;
    const item = { id: isCover ? "cover-image" : `img-${i + 1}`, href: asset.href, mediaType: asset.mediaType };
    if (isCover) item.properties = "cover-image";
    items.push(item);
  });
  documents.forEach((d) => {
    const item = { id: path10.basename(d.filename, ".xhtml"), href: d.filename, mediaType: "application/xhtml+xml" };
    if (d.hasSvg) item.properties = "svg";
    items.push(item);
  });
  const firstChapter = documents[0]?.filename ?? "toc.xhtml";
  const book = {
    ...config,
    dir: /^(ar|he|fa|ur|yi)\b/.test(lang) ? "rtl" : "ltr",
    modified: config.modified.toISOString().replace(/\.\d{3}Z$/, "Z")
  };
  return packageEpub({
    title: config.title,
    language: lang,
    css,
    documents: documents.map(({ filename, title, xhtml }) => ({ filename, title, xhtml })),
    files,
    modified: config.modified,
    templates: {
      contentOPF: readTemplate("content.opf.ejs"),
      tocNCX: readTemplate("toc.ncx.ejs"),
      tocXHTML: readTemplate("nav.xhtml.ejs")
    },
    templateData: {
      book,
      labels: config.labels,
      items,
      spine: [{ idref: "cover", linear: true }, { idref: "nav", linear: true }, ...documents.map((d) => ({ idref: path10.basename(d.filename, ".xhtml"), linear: true }))],
      firstChapter,
      generator: "markdown-book-builder",
      tocList: xhtmlFragment([navList(toc)]),
      navPoints: ncxNavPoints(toc),
      depth: tocDepth(toc)
    }
  });
}
function readTemplate(name) {
  return readFileSync5(path10.join(templatesDir, name), "utf8");
}
function navList(entries) {
  return h5(
    "ol",
    entries.map((e) => {
      const label = e.chapter ? h5("a", { href: entryHref(e) }, e.title) : h5("span", e.title);
      return h5("li", e.children.length ? [label, navList(e.children)] : [label]);
    })
  );
}
function entryHref(entry) {
  if (!entry.chapter) return "";
  return entry.id ? `${chapterHref(entry.chapter)}#${entry.id}` : chapterHref(entry.chapter);
}
function ncxNavPoints(entries) {
  let count = 0;
  const playOrders = /* @__PURE__ */ new Map();
  const render2 = (list, indent) => list.map((e) => {
    count++;
    const target = e.chapter ? entryHref(e) : firstTarget(e);
    if (!playOrders.has(target)) playOrders.set(target, playOrders.size + 1);
    return `${indent}<navPoint id="nav-${count}" playOrder="${playOrders.get(target)}"><navLabel><text>${escapeXml2(e.title)}</text></navLabel><content src="${escapeXml2(target)}"/>${e.children.length ? `
${render2(e.children, `${indent}  `)}
${indent}` : ""}</navPoint>`;
  }).join("\n");
  return render2(entries, "    ");
}
function firstTarget(entry) {
  for (const child of entry.children) {
    const href = child.chapter ? entryHref(child) : firstTarget(child);
    if (href) return href;
  }
  return "";
}
function tocDepth(entries) {
  return entries.length ? 1 + Math.max(...entries.map((e) => tocDepth(e.children))) : 0;
}
function containsSvg(nodes) {
  let found = false;
  for (const node of nodes) {
    visit11(node, "element", (el) => {
      if (el.tagName === "svg") found = true;
    });
  }
  return found;
}
function escapeXml2(text) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
var templatesDir;
var init_epub = __esm({
  "scripts/outputs/epub/index.ts"() {
    "use strict";
    init_load2();
    init_toc();
    init_xhtml();
    init_cover();
    init_package();
    init_styles();
    templatesDir = path10.join(path10.dirname(fileURLToPath2(import.meta.url)), "templates");
  }
});

// scripts/outputs/pdf/assemble.ts
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFObjectCopier, PDFPage, PDFRef } from "pdf-lib";
function layout(pageCounts) {
  const starts = [];
  let at = 0;
  for (const count of pageCounts) {
    if (at % 2 === 1) at++;
    starts.push(at);
    at += count;
  }
  return { starts, total: at };
}
async function assemble(parts, lang) {
  const book = await PDFDocument.create({ updateMetadata: false });
  const ctx = book.context;
  const rootRef = ctx.nextRef();
  const documentRef = ctx.nextRef();
  const topElements = [];
  const parentTree = [];
  const kinds = [];
  const placed = [];
  let keyOffset = 0;
  let frontPages = 0;
  for (const part of parts) {
    const sourceSize = part.doc.getPage(0).getSize();
    if (book.getPageCount() % 2 === 1) {
      book.addPage([sourceSize.width, sourceSize.height]);
      kinds.push("blank");
    }
    const copier = PDFObjectCopier.for(part.doc.context, ctx);
    const pages = part.doc.getPages().map((p) => {
      const ref = copier.copy(p.ref);
      const page = PDFPage.of(ctx.lookup(ref, PDFDict), ref, book);
      book.addPage(page);
      return page;
    });
    pages.forEach((_, i) => kinds.push(i === 0 ? part.front ? "front-opener" : "opener" : part.front ? "front" : "body"));
    placed.push({ name: part.name, doc: part.doc, pages, first: book.getPageCount() - pages.length });
    keyOffset = adoptStructure(part.doc, copier, ctx, pages, documentRef, topElements, parentTree, keyOffset);
    if (part.front) frontPages = book.getPageCount();
  }
  if (frontPages % 2 === 1) frontPages++;
  parentTree.sort((a, b) => a[0] - b[0]);
  const nums = ctx.obj([]);
  for (const [key, value] of parentTree) {
    nums.push(PDFNumber.of(key));
    nums.push(value);
  }
  ctx.assign(documentRef, ctx.obj({ Type: "StructElem", S: "Document", P: rootRef, K: topElements, Lang: lang }));
  ctx.assign(rootRef, ctx.obj({ Type: "StructTreeRoot", K: documentRef, ParentTree: ctx.register(ctx.obj({ Nums: nums })), ParentTreeNextKey: keyOffset }));
  book.catalog.set(N("StructTreeRoot"), rootRef);
  book.catalog.set(N("MarkInfo"), ctx.obj({ Marked: true }));
  return { book, parts: placed, kinds, frontPages };
}
function adoptStructure(src, copier, ctx, pages, documentRef, topElements, parentTree, offset) {
  const rootEntry = src.catalog.get(N("StructTreeRoot"));
  if (!rootEntry) return offset;
  const copied = copier.copy(rootEntry);
  const root = ctx.lookup(copied, PDFDict);
  for (const kid of asList(ctx, root.get(N("K")))) {
    const el = ctx.lookup(kid);
    if (el instanceof PDFDict && el.get(N("S")) === N("Document")) {
      for (const child of asList(ctx, el.get(N("K")))) {
        const ce = ctx.lookup(child);
        if (ce instanceof PDFDict) ce.set(N("P"), documentRef);
        topElements.push(child);
      }
      if (kid instanceof PDFRef) ctx.delete(kid);
    } else {
      if (el instanceof PDFDict) el.set(N("P"), documentRef);
      topElements.push(kid);
    }
  }
  let next = root.lookupMaybe(N("ParentTreeNextKey"), PDFNumber)?.asNumber() ?? 0;
  const treeRef = root.get(N("ParentTree"));
  for (const [key, value] of numberTree(ctx, treeRef)) {
    parentTree.push([key + offset, value]);
    next = Math.max(next, key + 1);
  }
  if (treeRef instanceof PDFRef) ctx.delete(treeRef);
  if (copied instanceof PDFRef) ctx.delete(copied);
  for (const page of pages) {
    shiftKey(page.node, "StructParents", offset);
    const annots = page.node.Annots();
    for (let i = 0; annots && i < annots.size(); i++) shiftKey(annots.lookup(i, PDFDict), "StructParent", offset);
  }
  return offset + next;
}
function shiftKey(dict, key, offset) {
  const value = dict.get(N(key));
  if (value instanceof PDFNumber) dict.set(N(key), PDFNumber.of(value.asNumber() + offset));
}
function asList(ctx, value) {
  if (!value) return [];
  const resolved = ctx.lookup(value);
  return resolved instanceof PDFArray ? resolved.asArray() : [value];
}
function numberTree(ctx, node, out = []) {
  const dict = node && ctx.lookup(node);
  if (!(dict instanceof PDFDict)) return out;
  const nums = dict.lookupMaybe(N("Nums"), PDFArray);
  for (let i = 0; nums && i + 1 < nums.size(); i += 2) out.push([nums.lookup(i, PDFNumber).asNumber(), nums.get(i + 1)]);
  const kids = dict.lookupMaybe(N("Kids"), PDFArray);
  for (let i = 0; kids && i < kids.size(); i++) numberTree(ctx, kids.get(i), out);
  return out;
}
var N;
var init_assemble = __esm({
  "scripts/outputs/pdf/assemble.ts"() {
    "use strict";
    N = PDFName.of;
  }
});

// scripts/outputs/pdf/chapter-html.ts
import { toHtml } from "hast-util-to-html";
import { h as h6 } from "hastscript";
import { visit as visit12 } from "unist-util-visit";
function sharedCss(geometry, fontCss, printCss) {
  const { pageWidth, pageHeight, margins: m } = geometry;
  return `${fontCss}
@page { size: ${pageWidth}mm ${pageHeight}mm; margin: ${m.top}mm ${m.outer}mm ${m.bottom}mm ${m.inner}mm; }
@page :left { margin-left: ${m.outer}mm; margin-right: ${m.inner}mm; }
@page :right { margin-left: ${m.inner}mm; margin-right: ${m.outer}mm; }
:root { --font-size: ${geometry.fontSize}pt; }
${printCss}`;
}
function chapterDocument(chapter, config) {
  const tree = structuredClone(chapter.tree);
  const shrunk = prepareTree(tree);
  const body = [];
  body.push(targetLinks(tree));
  const content = tree.children;
  if (chapter.partTitle) content.unshift(h6("p", { className: ["part-title"] }, chapter.partTitle));
  body.push(h6("section", { className: ["chapter"], id: chapter.id }, content));
  const heads = runningHeadCss(config.title, chapter.title);
  return {
    name: chapter.id,
    source: chapter.source,
    html: htmlDocument(config.language, chapter.title, heads, body),
    marginText: [config.title, chapter.title],
    shrunk: shrunk.map((detail) => ({ kind: "table", detail: `${chapter.source}: ${detail}` }))
  };
}
function htmlDocument(lang, title, style, body) {
  const root = {
    type: "root",
    children: [
      { type: "doctype" },
      h6("html", { lang }, [
        h6("head", [h6("meta", { charset: "utf-8" }), h6("title", title), h6("link", { rel: "stylesheet", href: sharedCssName }), h6("style", style)]),
        h6("body", body)
      ])
    ]
  };
  return toHtml(root, { allowDangerousHtml: false });
}
function runningHeadCss(bookTitle, chapterTitle) {
  const box = 'font-family: "Noto Serif KR", serif; font-size: 7.5pt; color: #333; vertical-align: bottom; padding-bottom: 7mm;';
  return `@page :left { @top-left { ${box} content: ${cssString(bookTitle)}; } }
@page :right { @top-right { ${box} content: ${cssString(chapterTitle)}; } }
@page :first { @top-left { content: none; } @top-right { content: none; } }`;
}
function cssString(text) {
  return `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, " ")}"`;
}
function targetLinks(tree) {
  const ids = [];
  visit12(tree, "element", (el) => {
    if (el.properties.id !== void 0) ids.push(String(el.properties.id));
  });
  return h6("nav", { hidden: true, ariaHidden: "true", style: "display:none" }, ids.map((id) => h6("a", { href: `#${id}` })));
}
function prepareTree(tree) {
  const shrunk = [];
  visit12(tree, "element", (el, _index, parent) => {
    if (el.tagName === "code" && parent?.type === "element" && parent.tagName === "pre") {
      const lines = splitLines(el.children);
      if (lines.length > 1 && lines.at(-1)?.length === 0) lines.pop();
      el.children = lines.map((line) => h6("span", { className: ["line"] }, line));
      if (lines.length <= 12) parent.properties.className = [...classList(parent), "short"];
      return "skip";
    }
    if (el.tagName === "table") {
      const columns = columnCount(el);
      if (columns > 5) {
        el.properties.className = [...classList(el), columns > 8 ? "very-wide" : "wide"];
        shrunk.push(`table with ${columns} columns set at ${columns > 8 ? "60" : "72"}% size`);
      }
      return "skip";
    }
    return void 0;
  });
  return shrunk;
}
function classList(el) {
  const c = el.properties.className;
  return Array.isArray(c) ? c.map(String) : c ? [String(c)] : [];
}
function columnCount(table) {
  let max = 0;
  visit12(table, "element", (el) => {
    if (el.tagName !== "tr") return void 0;
    max = Math.max(max, el.children.filter((c) => c.type === "element" && (c.tagName === "td" || c.tagName === "th")).length);
    return "skip";
  });
  return max;
}
function splitLines(nodes) {
  const lines = [[]];
  for (const node of nodes) {
    if (node.type === "text") {
      node.value.split("\n").forEach((part, i) => {
        if (i > 0) lines.push([]);
        if (part) lines.at(-1).push({ type: "text", value: part });
      });
    } else if (node.type === "element") {
      splitLines(node.children).forEach((part, i) => {
        if (i > 0) lines.push([]);
        if (part.length) lines.at(-1).push({ ...node, children: part });
      });
    }
  }
  return lines;
}
var sharedCssName;
var init_chapter_html = __esm({
  "scripts/outputs/pdf/chapter-html.ts"() {
    "use strict";
    sharedCssName = "book.css";
  }
});

// scripts/outputs/pdf/geometry.ts
function geometryOf(print) {
  const { trimWidth, trimHeight, bleed, margins } = print;
  return {
    trimWidth,
    trimHeight,
    bleed,
    pageWidth: trimWidth + 2 * bleed,
    pageHeight: trimHeight + 2 * bleed,
    margins: {
      top: margins.top + bleed,
      bottom: margins.bottom + bleed,
      inner: margins.inner + bleed,
      outer: margins.outer + bleed
    },
    textWidthPx: Math.floor((trimWidth - margins.inner - margins.outer) * PX_PER_MM),
    fontSize: print.fontSize
  };
}
function pt(mm) {
  return mm * PT_PER_MM;
}
var PT_PER_MM, PX_PER_MM;
var init_geometry = __esm({
  "scripts/outputs/pdf/geometry.ts"() {
    "use strict";
    PT_PER_MM = 72 / 25.4;
    PX_PER_MM = 96 / 25.4;
  }
});

// scripts/outputs/pdf/destinations.ts
import { PDFArray as PDFArray2, PDFDict as PDFDict2, PDFName as PDFName2, PDFNull, PDFNumber as PDFNumber2, PDFString, PDFHexString } from "pdf-lib";
function readDests(doc) {
  const pageIndex = new Map(doc.getPages().map((p, i) => [p.ref.toString(), i]));
  const result = /* @__PURE__ */ new Map();
  const dests = doc.catalog.lookupMaybe(N2("Dests"), PDFDict2);
  if (!dests) return result;
  for (const [name, value] of dests.entries()) {
    let array2 = doc.context.lookup(value);
    if (array2 instanceof PDFDict2) array2 = array2.lookup(N2("D"));
    if (!(array2 instanceof PDFArray2)) continue;
    const index = pageIndex.get(array2.get(0).toString());
    const y = array2.get(3);
    if (index === void 0) continue;
    result.set(safeDecode2(name.decodeText()), { pageIndex: index, y: y instanceof PDFNumber2 ? y.asNumber() : 0 });
  }
  return result;
}
function collectTargets(parts, geometry) {
  const targets = /* @__PURE__ */ new Map();
  const marginTop = pt(geometry.margins.top);
  for (const part of parts) {
    const first = part.pages[0];
    if (first) targets.set(part.name, { page: first, pageIndex: part.first, y: topOf(first) });
    for (const [id, dest] of readDests(part.doc)) {
      const page = part.pages[dest.pageIndex];
      if (page) targets.set(`${part.name}#${id}`, { page, pageIndex: part.first + dest.pageIndex, y: Math.min(topOf(page), dest.y - marginTop + 4) });
    }
  }
  return targets;
}
function topOf(page) {
  const box = page.getMediaBox();
  return box.y + box.height;
}
function rewriteLinks(parts, targets, diagnostics) {
  let rewritten = 0;
  for (const part of parts) {
    for (const page of part.pages) {
      const annots = page.node.Annots();
      for (let i = 0; annots && i < annots.size(); i++) {
        const annot = annots.lookup(i, PDFDict2);
        const key = linkKey(annot, part.name);
        if (!key) continue;
        const target = targets.get(key) ?? targets.get(key.split("#")[0]);
        if (!target) {
          diagnostics.warn(`PDF: link to ${key} has no target in the book`);
          continue;
        }
        annot.delete(N2("A"));
        annot.set(N2("Dest"), explicitDest(page.doc, target));
        rewritten++;
      }
    }
  }
  return rewritten;
}
function explicitDest(doc, target) {
  return doc.context.obj([target.page.ref, N2("XYZ"), PDFNull, target.y, PDFNull]);
}
function linkKey(annot, partName) {
  const dest = annot.get(N2("Dest"));
  if (dest instanceof PDFName2) return `${partName}#${safeDecode2(dest.decodeText())}`;
  if (dest instanceof PDFString || dest instanceof PDFHexString) return `${partName}#${safeDecode2(dest.decodeText())}`;
  const action = annot.lookupMaybe(N2("A"), PDFDict2);
  if (!action || action.get(N2("S")) !== N2("URI")) return void 0;
  const uri = action.lookup(N2("URI"));
  if (!(uri instanceof PDFString || uri instanceof PDFHexString)) return void 0;
  const text = uri.decodeText();
  if (!text.startsWith("file:")) return void 0;
  const url = new URL(text);
  const name = (url.pathname.split("/").pop() ?? "").replace(/\.x?html$/, "");
  return url.hash ? `${name}#${safeDecode2(url.hash.slice(1))}` : name;
}
function safeDecode2(text) {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
var N2;
var init_destinations = __esm({
  "scripts/outputs/pdf/destinations.ts"() {
    "use strict";
    init_geometry();
    N2 = PDFName2.of;
  }
});

// scripts/outputs/pdf/fonts.ts
import { readFileSync as readFileSync6 } from "node:fs";
import { createRequire } from "node:module";
import path11 from "node:path";
import { pathToFileURL } from "node:url";
function fontsourceDir(pkg) {
  return path11.dirname(require2.resolve(`${pkg}/package.json`));
}
function fontFaceCss() {
  cachedCss ??= Object.values(printFonts).flatMap(({ pkg, weights }) => weights.map((w) => facesOf(pkg, w))).join("\n");
  return cachedCss;
}
function facesOf(pkg, weight) {
  const dir = fontsourceDir(pkg);
  const base = pathToFileURL(path11.join(dir, "files")).href;
  return readFileSync6(path11.join(dir, `${weight}.css`), "utf8").replace(/\/\*[^*]*\*\//g, "").replace(/src: url\(\.\/files\/([^)]+\.woff2)\) format\('woff2'\)[^;]*;/g, (_, file) => `src: url(${base}/${file}) format('woff2');`).replace(/^\s*font-display:[^;]*;\n/gm, "").replace(/\n{2,}/g, "\n");
}
function folioFontBytes() {
  return readFileSync6(path11.join(fontsourceDir(printFonts.body.pkg), "files", "noto-serif-kr-latin-400-normal.woff"));
}
var require2, printFonts, cachedCss;
var init_fonts = __esm({
  "scripts/outputs/pdf/fonts.ts"() {
    "use strict";
    require2 = createRequire(import.meta.url);
    printFonts = {
      body: { family: "Noto Serif KR", pkg: "@fontsource/noto-serif-kr", weights: [400, 700] },
      code: { family: "Nanum Gothic Coding", pkg: "@fontsource/nanum-gothic-coding", weights: [400, 700] }
    };
  }
});

// scripts/outputs/pdf/folios.ts
import fontkit from "@pdf-lib/fontkit";
import { PDFName as PDFName3, PDFOperator, PDFOperatorNames } from "pdf-lib";
function folioOf(index, numbering) {
  if (!numbering.roman) return String(index + 1);
  return index < numbering.frontPages ? toRoman(index + 1) : String(index - numbering.frontPages + 1);
}
function toRoman(n) {
  const table = [[1e3, "m"], [900, "cm"], [500, "d"], [400, "cd"], [100, "c"], [90, "xc"], [50, "l"], [40, "xl"], [10, "x"], [9, "ix"], [5, "v"], [4, "iv"], [1, "i"]];
  let out = "";
  for (const [value, letters] of table) {
    for (; n >= value; n -= value) out += letters;
  }
  return out;
}
async function drawFolios(book, kinds, numbering, geometry, fontSize) {
  book.registerFontkit(fontkit);
  const font = await book.embedFont(folioFontBytes(), { subset: true, customName: "FOLIOS+NotoSerifKR-Regular" });
  const outer = pt(geometry.margins.outer - geometry.bleed);
  const size = fontSize * 0.85;
  book.getPages().forEach((page, i) => {
    const kind = kinds[i];
    if (kind !== "body" && kind !== "front") return;
    const label = folioOf(i, numbering);
    const trim2 = page.getTrimBox();
    const width2 = font.widthOfTextAtSize(label, size);
    const x = i % 2 === 0 ? trim2.x + trim2.width - outer - width2 : trim2.x + outer;
    const y = trim2.y + pt(geometry.margins.bottom - geometry.bleed) * 0.45;
    page.pushOperators(PDFOperator.of(PDFOperatorNames.BeginMarkedContent, [PDFName3.of("Artifact")]));
    page.drawText(label, { x, y, size, font });
    page.pushOperators(PDFOperator.of(PDFOperatorNames.EndMarkedContent));
  });
  const nums = numbering.roman && numbering.frontPages > 0 ? [0, { S: "r" }, numbering.frontPages, { S: "D" }] : [0, { S: "D" }];
  book.catalog.set(PDFName3.of("PageLabels"), book.context.obj({ Nums: nums }));
}
var init_folios = __esm({
  "scripts/outputs/pdf/folios.ts"() {
    "use strict";
    init_fonts();
    init_geometry();
  }
});

// scripts/outputs/pdf/front-matter.ts
import { h as h7 } from "hastscript";
function frontMatterDocument(config, toc, pageOf) {
  const titlePage = h7("section", { className: ["title-page"] }, [
    h7("h1", { className: ["book-title"] }, config.title),
    config.subtitle ? h7("p", { className: ["subtitle"] }, config.subtitle) : void 0,
    h7("p", { className: ["authors"] }, config.authors.join(", ")),
    // A self-published book names the author as publisher: saying it twice on the title page looks like a mistake.
    config.publisher && !config.authors.includes(config.publisher) ? h7("p", { className: ["publisher"] }, config.publisher) : void 0
  ]);
  const colophon = h7(
    "section",
    { className: ["colophon"] },
    [config.title, config.authors.join(", "), config.publisher && !config.authors.includes(config.publisher) ? config.publisher : void 0, config.date, config.isbn ? `ISBN ${config.isbn}` : void 0, config.rights].filter((line) => Boolean(line)).map((line) => h7("p", line))
  );
  const chapterLevel = /* @__PURE__ */ new Map();
  const items = flattenToc(toc).map(({ entry, level }) => {
    if (entry.chapter && !entry.id) chapterLevel.set(entry.chapter.id, level);
    const depth = entry.chapter && entry.id ? Math.min(2, level - (chapterLevel.get(entry.chapter.id) ?? 0)) : 0;
    return tocItem(entry, depth, pageOf);
  });
  const nav = h7("nav", { className: ["toc"], role: "doc-toc" }, [h7("h1", config.labels.toc), h7("ol", items)]);
  return {
    name: frontName,
    source: "front matter",
    html: htmlDocument(config.language, config.title, "", [titlePage, colophon, nav]),
    marginText: [],
    shrunk: []
  };
}
function tocItem(entry, depth, pageOf) {
  if (!entry.chapter) return h7("li", { className: ["part"] }, entry.title);
  const href = `${entry.chapter.id}.html${entry.id ? `#${entry.id}` : ""}`;
  return h7("li", { className: [`level-${depth}`] }, [
    h7("a", { href }, [h7("span", { className: ["toc-title"] }, entry.title), h7("span", { className: ["toc-leader"], ariaHidden: "true" }), h7("span", { className: ["toc-page"] }, pageOf(entry))])
  ]);
}
var frontName, pagesBeforeToc;
var init_front_matter = __esm({
  "scripts/outputs/pdf/front-matter.ts"() {
    "use strict";
    init_toc();
    init_chapter_html();
    frontName = "front";
    pagesBeforeToc = 2;
  }
});

// scripts/outputs/pdf/metadata.ts
import { createHash as createHash6 } from "node:crypto";
import { PDFHexString as PDFHexString2 } from "pdf-lib";
function setMetadata(book, config) {
  book.setTitle(config.subtitle ? `${config.title}: ${config.subtitle}` : config.title, { showInWindowTitleBar: true });
  book.setAuthor(config.authors.join(", "));
  if (config.description) book.setSubject(config.description);
  if (config.subjects.length) book.setKeywords(config.subjects);
  book.setLanguage(config.language);
  book.setCreator(tool);
  book.setProducer(tool);
  book.setCreationDate(config.modified);
  book.setModificationDate(config.modified);
  const id = PDFHexString2.of(createHash6("md5").update(config.identifier).digest("hex"));
  book.context.trailerInfo.ID = book.context.obj([id, id]);
}
var tool;
var init_metadata = __esm({
  "scripts/outputs/pdf/metadata.ts"() {
    "use strict";
    tool = "docker-book (Chromium + pdf-lib)";
  }
});

// scripts/outputs/pdf/outline.ts
import { PDFHexString as PDFHexString3, PDFName as PDFName4, PDFNumber as PDFNumber3 } from "pdf-lib";
function writeOutline(book, toc, targetOf2) {
  if (!toc.length) return;
  const rootRef = book.context.nextRef();
  const count = addItems(book, toc, rootRef, targetOf2);
  const root = book.context.obj({ Type: "Outlines" });
  if (count.first && count.last) {
    root.set(N3("First"), count.first);
    root.set(N3("Last"), count.last);
    root.set(N3("Count"), PDFNumber3.of(count.visible));
  }
  book.context.assign(rootRef, root);
  book.catalog.set(N3("Outlines"), rootRef);
  book.catalog.set(N3("PageMode"), N3("UseOutlines"));
}
function addItems(book, entries, parent, targetOf2) {
  const refs = entries.map(() => book.context.nextRef());
  entries.forEach((entry, i) => {
    const ref = refs[i];
    const item = book.context.obj({});
    item.set(N3("Title"), PDFHexString3.fromText(entry.title));
    item.set(N3("Parent"), parent);
    if (i > 0) item.set(N3("Prev"), refs[i - 1]);
    if (i < refs.length - 1) item.set(N3("Next"), refs[i + 1]);
    const target = targetOf2(entry);
    if (target) item.set(N3("Dest"), explicitDest(book, target));
    if (entry.children.length) {
      const kids = addItems(book, entry.children, ref, targetOf2);
      if (kids.first && kids.last) {
        item.set(N3("First"), kids.first);
        item.set(N3("Last"), kids.last);
        item.set(N3("Count"), PDFNumber3.of(entry.chapter ? -entry.children.length : kids.visible));
      }
    }
    book.context.assign(ref, item);
  });
  const visible = entries.reduce((n, e) => n + 1 + (!e.chapter ? e.children.length : 0), 0);
  return { first: refs[0], last: refs.at(-1), visible };
}
var N3;
var init_outline = __esm({
  "scripts/outputs/pdf/outline.ts"() {
    "use strict";
    init_destinations();
    N3 = PDFName4.of;
  }
});

// scripts/outputs/pdf/page-boxes.ts
import { PDFName as PDFName5, PDFOperator as PDFOperator2, PDFOperatorNames as PDFOperatorNames2, rgb } from "pdf-lib";
function setPageBoxes(book, geometry) {
  const width2 = pt(geometry.pageWidth);
  const height2 = pt(geometry.pageHeight);
  const bleed = pt(geometry.bleed);
  for (const page of book.getPages()) {
    const media = page.getMediaBox();
    const top = media.y + media.height;
    const bottom = top - height2;
    page.setMediaBox(media.x, bottom, width2, height2);
    page.setCropBox(media.x, bottom, width2, height2);
    page.setBleedBox(media.x, bottom, width2, height2);
    page.setTrimBox(media.x + bleed, bottom + bleed, pt(geometry.trimWidth), pt(geometry.trimHeight));
  }
}
function drawCropMarks(book, geometry) {
  if (geometry.bleed < 2) return;
  for (const page of book.getPages()) {
    page.pushOperators(PDFOperator2.of(PDFOperatorNames2.BeginMarkedContent, [PDFName5.of("Artifact")]));
    drawMarks(page, pt(1));
    page.pushOperators(PDFOperator2.of(PDFOperatorNames2.EndMarkedContent));
  }
}
function drawMarks(page, gap) {
  const t = page.getTrimBox();
  const m = page.getMediaBox();
  const line = { thickness: 0.25, color: rgb(0, 0, 0) };
  const xs = [t.x, t.x + t.width];
  const ys = [t.y, t.y + t.height];
  for (const x of xs) {
    page.drawLine({ start: { x, y: m.y }, end: { x, y: t.y - gap }, ...line });
    page.drawLine({ start: { x, y: t.y + t.height + gap }, end: { x, y: m.y + m.height }, ...line });
  }
  for (const y of ys) {
    page.drawLine({ start: { x: m.x, y }, end: { x: t.x - gap, y }, ...line });
    page.drawLine({ start: { x: t.x + t.width + gap, y }, end: { x: m.x + m.width, y }, ...line });
  }
}
var init_page_boxes = __esm({
  "scripts/outputs/pdf/page-boxes.ts"() {
    "use strict";
    init_geometry();
  }
});

// scripts/outputs/pdf/preflight.ts
import { PDFArray as PDFArray3, PDFDict as PDFDict4, PDFName as PDFName6 } from "pdf-lib";
function fontReport(book) {
  const byKey = /* @__PURE__ */ new Map();
  for (const [, object] of book.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict4) || object.get(PDFName6.of("Type")) !== PDFName6.of("Font")) continue;
    const subtype = nameOf(object.get(PDFName6.of("Subtype")));
    if (subtype === "CIDFontType2" || subtype === "CIDFontType0") continue;
    const base = nameOf(object.get(PDFName6.of("BaseFont"))) || "[none]";
    const descendant = object.lookupMaybe(PDFName6.of("DescendantFonts"), PDFArray3)?.lookup(0);
    const described = descendant instanceof PDFDict4 ? descendant : object;
    const descriptor = described.lookupMaybe(PDFName6.of("FontDescriptor"), PDFDict4);
    const embedded = Boolean(descriptor && ["FontFile", "FontFile2", "FontFile3"].some((k) => descriptor.has(PDFName6.of(k))));
    const subset = /^[A-Z]{6}\+/.test(base);
    const name = base.replace(/^[A-Z]{6}\+/, "");
    const fullType = descendant instanceof PDFDict4 ? `${subtype}/${nameOf(descendant.get(PDFName6.of("Subtype")))}` : subtype;
    const key = `${name}|${fullType}|${embedded}|${subset}`;
    const entry = byKey.get(key);
    if (entry) entry.count++;
    else byKey.set(key, { name, subtype: fullType, embedded: subtype === "Type3" ? false : embedded, subset, count: 1 });
  }
  return [...byKey.values()].sort((a, b) => a.name.localeCompare(b.name));
}
function nameOf(value) {
  return value instanceof PDFName6 ? value.decodeText() : "";
}
function lowResolutionImages(names, printed, assets) {
  const result = [];
  printed.forEach((doc, i) => {
    for (const image of doc.images) {
      const asset = assets.get(image.src);
      if (!asset?.width || image.width <= 0) continue;
      const inches = image.width / 96;
      const dpi = Math.round(asset.width / inches);
      if (dpi < 300) result.push({ document: names[i], image: asset.origin, dpi, printedWidthMm: Math.round(inches * 254) / 10 });
    }
  });
  return result;
}
function overflows(names, printed) {
  return printed.flatMap(
    (doc, i) => doc.overflows.map((o) => ({ document: names[i], element: o.tag, text: o.text, byPx: o.scrollWidth - o.clientWidth }))
  );
}
function fontProblems(fonts) {
  return fonts.flatMap((f) => [
    ...f.subtype.startsWith("Type3") ? [`font ${f.name} is Type 3`] : [],
    ...!f.embedded ? [`font ${f.name} is not embedded`] : [],
    ...f.embedded && !f.subset ? [`font ${f.name} is embedded whole (not a subset)`] : []
  ]);
}
function logPreflight(report2, geometry) {
  const trim2 = `${report2.trim.name} ${report2.trim.widthMm}\xD7${report2.trim.heightMm} mm`;
  const bleed = geometry.bleed ? `, bleed ${geometry.bleed} mm${report2.cropMarks ? " with crop marks" : ""}` : ", no bleed";
  log(`PDF preflight: ${report2.pages} pages, ${trim2}${bleed}`);
  const fonts = report2.fonts.map((f) => `${f.name} (${f.subtype}${f.embedded ? ", embedded" : ", NOT embedded"}${f.subset ? ", subset" : ""})`);
  log(`  fonts: ${fonts.join("; ")}`);
  log(`  images below 300 dpi: ${report2.lowResolutionImages.length ? report2.lowResolutionImages.map((i) => `${i.image} ${i.dpi} dpi`).join(", ") : "none"}`);
  log(`  overflowing blocks: ${report2.overflows.length ? report2.overflows.map((o) => `${o.document} ${o.element} +${o.byPx}px`).join(", ") : "none"}`);
  if (report2.shrunk.length) log(`  set smaller to fit: ${report2.shrunk.map((s) => s.detail).join("; ")}`);
  for (const problem of report2.problems) log(`  problem: ${problem}`);
}
var init_preflight = __esm({
  "scripts/outputs/pdf/preflight.ts"() {
    "use strict";
    init_log();
  }
});

// scripts/outputs/pdf/browser.ts
import { existsSync as existsSync4 } from "node:fs";
import puppeteer from "puppeteer";
function findBrowser(env = process.env) {
  for (const name of ["BOOK_CHROMIUM", "PUPPETEER_EXECUTABLE_PATH"]) {
    const value = env[name];
    if (!value) continue;
    if (existsSync4(value)) return { path: value, origin: name };
    log(`PDF: ${name}=${value} does not exist, looking further`);
  }
  const system = systemBrowsers.find((p) => existsSync4(p));
  if (system) return { path: system, origin: "system" };
  const own = puppeteerBrowser();
  if (own) return { path: own, origin: "puppeteer's download" };
  throw new BuildError(
    "PDF: no Chromium found. Install one (Debian/Ubuntu: apt-get install chromium; anywhere: npx puppeteer browsers install chrome) or set BOOK_CHROMIUM to a Chrome/Chromium executable"
  );
}
function puppeteerBrowser() {
  try {
    const p = puppeteer.executablePath();
    return existsSync4(p) ? p : void 0;
  } catch {
    return void 0;
  }
}
async function launchBrowser() {
  const choice = findBrowser();
  log(`PDF: using Chromium at ${choice.path} (${choice.origin})`);
  const args = ["--disable-gpu", "--font-render-hinting=none", "--disable-dev-shm-usage", "--disable-component-update"];
  if (process.getuid?.() === 0) args.push("--no-sandbox");
  try {
    return await puppeteer.launch({
      executablePath: choice.path,
      headless: true,
      args,
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false
    });
  } catch (error) {
    throw new BuildError(`PDF: could not start Chromium at ${choice.path}: ${error.message.split("\n")[0]}`, { cause: error });
  }
}
function closeOnSignals(browser) {
  const signals = ["SIGINT", "SIGTERM", "SIGHUP"];
  const handler = (signal) => {
    browser.process()?.kill("SIGKILL");
    remove();
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  };
  const remove = () => {
    for (const s of signals) process.off(s, handler);
  };
  for (const s of signals) process.on(s, handler);
  return remove;
}
var systemBrowsers;
var init_browser = __esm({
  "scripts/outputs/pdf/browser.ts"() {
    "use strict";
    init_diagnostics();
    init_log();
    systemBrowsers = [
      "/usr/lib/chromium/chromium",
      "/usr/bin/chromium",
      "/usr/bin/chromium-browser",
      "/usr/bin/google-chrome",
      "/usr/bin/google-chrome-stable"
    ];
  }
});

// scripts/outputs/pdf/render.ts
import { createHash as createHash7 } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, existsSync as existsSync5 } from "node:fs";
import os from "node:os";
import path12 from "node:path";
import { pathToFileURL as pathToFileURL2 } from "node:url";
async function printOne(page, dir, doc) {
  const file = path12.join(dir, `${doc.name}.html`);
  writeFileSync(file, doc.html);
  await page.goto(pathToFileURL2(file).href, { waitUntil: "load", timeout: 12e4 });
  const loads = doc.marginText.map((t) => `document.fonts.load('400 7.5pt "Noto Serif KR"', ${JSON.stringify(t)})`);
  await page.evaluate(`Promise.all([${loads.join(",")}]).then(() => document.fonts.ready).then(() => true)`);
  const measured = await page.evaluate(measureScript);
  const pdf = await page.pdf({ preferCSSPageSize: true, tagged: true, printBackground: true, timeout: 3e5 });
  return { pdf, ...measured };
}
function forwardProblems(page, diagnostics, source2) {
  page.on("pageerror", (error) => diagnostics.warn(`PDF: script error in the page: ${error.message ?? String(error)}`, source2()));
  page.on("console", (message) => {
    if (message.type() === "error") diagnostics.warn(`PDF: browser console: ${message.text()}`, source2());
  });
  page.on("requestfailed", (request) => diagnostics.warn(`PDF: could not load ${request.url()}: ${request.failure()?.errorText ?? "failed"}`, source2()));
}
var TABS, measureScript, PdfRenderer;
var init_render = __esm({
  "scripts/outputs/pdf/render.ts"() {
    "use strict";
    init_browser();
    init_chapter_html();
    TABS = 2;
    measureScript = `(() => {
  const images = [...document.images].map((i) => ({ src: i.getAttribute('src') || '', width: i.getBoundingClientRect().width, height: i.getBoundingClientRect().height }));
  const overflows = [...document.querySelectorAll('pre, table, p, li, td, th, blockquote, figure, .line')]
    .filter((e) => e.scrollWidth > e.clientWidth + 1 && e.clientWidth > 0)
    .map((e) => ({ tag: e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).split(' ')[0] : ''), text: (e.textContent || '').trim().slice(0, 60), scrollWidth: e.scrollWidth, clientWidth: e.clientWidth }));
  return { images, overflows };
})()`;
    PdfRenderer = class {
      browser;
      removeSignalHandlers;
      workDir;
      cache = /* @__PURE__ */ new Map();
      /** Prints the documents (from the cache where unchanged), in the given order. */
      async print(job, diagnostics) {
        const dir = this.prepareDir(job);
        const cssKey = createHash7("sha256").update(job.css).update(String(job.textWidthPx)).digest("hex");
        const results = new Array(job.documents.length);
        const queue = [];
        job.documents.forEach((doc, index) => {
          const key = createHash7("sha256").update(cssKey).update(doc.html).update(doc.marginText.join("\n")).digest("hex");
          const hit = this.cache.get(doc.name);
          if (hit?.key === key) results[index] = hit.result;
          else queue.push({ doc, index, key });
        });
        if (!queue.length) return results;
        const browser = await this.launch();
        const worker = async () => {
          const page = await browser.newPage();
          let current = "";
          forwardProblems(page, diagnostics, () => current);
          try {
            await page.setViewport({ width: job.textWidthPx, height: 1e3 });
            await page.emulateMediaType("print");
            for (let item = queue.shift(); item; item = queue.shift()) {
              current = item.doc.source;
              const result = await printOne(page, dir, item.doc);
              this.cache.set(item.doc.name, { key: item.key, result });
              results[item.index] = result;
            }
          } finally {
            await page.close();
          }
        };
        await Promise.all(Array.from({ length: Math.min(TABS, queue.length) }, worker));
        return results;
      }
      /** Closes the browser and removes the working folder; safe to call more than once. */
      async close() {
        const browser = this.browser;
        this.browser = void 0;
        try {
          if (browser) await (await browser.catch(() => void 0))?.close();
        } finally {
          this.removeSignalHandlers?.();
          this.removeSignalHandlers = void 0;
          if (this.workDir) rmSync(this.workDir, { recursive: true, force: true });
          this.workDir = void 0;
        }
      }
      /** Starts Chromium on first use and guards it against Ctrl-C. */
      launch() {
        this.browser ??= launchBrowser().then((browser) => {
          this.removeSignalHandlers = closeOnSignals(browser);
          return browser;
        });
        this.browser.catch(() => this.browser = void 0);
        return this.browser;
      }
      /** Writes the shared stylesheet, the images and the documents where Chromium can load them. */
      prepareDir(job) {
        this.workDir ??= mkdtempSync(path12.join(os.tmpdir(), "book-pdf-"));
        const dir = this.workDir;
        writeFileSync(path12.join(dir, sharedCssName), job.css);
        for (const asset of job.assets) {
          const file = path12.join(dir, asset.href);
          if (existsSync5(file)) continue;
          mkdirSync(path12.dirname(file), { recursive: true });
          writeFileSync(file, asset.data);
        }
        return dir;
      }
    };
  }
});

// scripts/outputs/pdf/index.ts
var pdf_exports = {};
__export(pdf_exports, {
  PdfRenderer: () => PdfRenderer,
  buildPdf: () => buildPdf
});
import { PDFDocument as PDFDocument3 } from "pdf-lib";
async function buildPdf(manuscript, diagnostics, renderer) {
  const own = renderer ?? new PdfRenderer();
  try {
    return await render(manuscript, diagnostics, own);
  } finally {
    if (!renderer) await own.close();
  }
}
async function render(manuscript, diagnostics, renderer) {
  const { config } = manuscript;
  const geometry = geometryOf(config.print);
  const started = performance.now();
  const shared = {
    css: sharedCss(geometry, fontFaceCss(), bookStylesheet(config, "print.css")),
    assets: manuscript.assets.values(),
    textWidthPx: geometry.textWidthPx
  };
  const chapterDocs = manuscript.chapters.map((chapter) => chapterDocument(chapter, config));
  const printed = await renderer.print({ ...shared, documents: chapterDocs }, diagnostics);
  const chapterPdfs = await Promise.all(printed.map((p) => PDFDocument3.load(p.pdf)));
  log(`PDF: ${chapterDocs.length} chapter(s) printed in ${Math.round(performance.now() - started)} ms`);
  const toc = buildToc(manuscript);
  const bodyStarts = layout(chapterPdfs.map((d) => d.getPageCount())).starts;
  const headingPages = chapterPdfs.map((d) => readDests(d));
  const chapterIndex = new Map(manuscript.chapters.map((c, i) => [c.id, i]));
  const bodyPageOf = (entry) => {
    const i = chapterIndex.get(entry.chapter?.id ?? "") ?? 0;
    const inChapter = entry.id ? headingPages[i]?.get(entry.id)?.pageIndex ?? 0 : 0;
    return (bodyStarts[i] ?? 0) + inChapter;
  };
  const roman = config.print.romanFrontMatter;
  let frontPages = even(pagesBeforeToc + estimateTocPages(flattenToc(toc).length, geometry));
  let front;
  let frontPrinted;
  for (; ; ) {
    const numbering2 = { roman, frontPages };
    const doc = frontMatterDocument(config, toc, (entry) => folioOf(frontPages + bodyPageOf(entry), numbering2));
    [frontPrinted] = await renderer.print({ ...shared, documents: [doc] }, diagnostics);
    front = await PDFDocument3.load(frontPrinted.pdf);
    const actual = even(front.getPageCount());
    if (roman || actual === frontPages) break;
    frontPages = actual;
  }
  const assembled = await assemble(
    [{ name: frontName, doc: front, front: true }, ...chapterPdfs.map((doc, i) => ({ name: chapterDocs[i]?.name, doc, front: false }))],
    config.language
  );
  const { book, parts } = assembled;
  const kinds = assembled.kinds.map((k, i) => i <= pagesBeforeToc && k === "front" ? "front-opener" : k);
  const numbering = { roman, frontPages: assembled.frontPages };
  setPageBoxes(book, geometry);
  const targets = collectTargets(parts, geometry);
  rewriteLinks(parts, targets, diagnostics);
  writeOutline(book, toc, (entry) => targetOf(entry, targets));
  await drawFolios(book, kinds, numbering, geometry, config.print.fontSize);
  if (config.print.cropMarks) drawCropMarks(book, geometry);
  setMetadata(book, config);
  const pdf = Buffer.from(await book.save());
  const names = chapterDocs.map((d) => d.source);
  const fonts = fontReport(book);
  const preflight = {
    pages: book.getPageCount(),
    frontMatterPages: assembled.frontPages,
    trim: { name: config.print.trimName, widthMm: geometry.trimWidth, heightMm: geometry.trimHeight },
    bleedMm: geometry.bleed,
    cropMarks: config.print.cropMarks && geometry.bleed >= 2,
    chapterStarts: parts.slice(1).map((p, i) => ({ id: p.name, title: manuscript.chapters[i]?.title ?? "", page: p.first + 1, folio: folioOf(p.first, numbering) })),
    fonts,
    lowResolutionImages: lowResolutionImages(names, printed, manuscript.assets),
    overflows: overflows(names, printed),
    shrunk: chapterDocs.flatMap((d) => d.shrunk),
    problems: fontProblems(fonts)
  };
  if (config.print.cropMarks && geometry.bleed < 2) diagnostics.warn("PDF: crop marks need a bleed of at least 2 mm to sit outside the trim; none were drawn");
  for (const problem of preflight.problems) diagnostics.warn(`PDF: ${problem}`);
  for (const o of preflight.overflows) diagnostics.warn(`PDF: ${o.element} "${o.text}" is ${o.byPx}px wider than the text block`, o.document);
  logPreflight(preflight, geometry);
  log(`PDF: ${preflight.pages} pages in ${Math.round(performance.now() - started)} ms`);
  return { pdf, preflight };
}
function targetOf(entry, targets) {
  if (entry.chapter) return targets.get(entry.id ? `${entry.chapter.id}#${entry.id}` : entry.chapter.id) ?? targets.get(entry.chapter.id);
  const first = entry.children[0];
  return first ? targetOf(first, targets) : void 0;
}
function estimateTocPages(entries, geometry) {
  const lineMm = geometry.fontSize * 1.7 * 25.4 / 72;
  const lines = Math.floor((geometry.pageHeight - geometry.margins.top - geometry.margins.bottom) / lineMm);
  return Math.max(1, Math.ceil((entries * 1.15 + 8) / lines));
}
function even(n) {
  return n % 2 === 0 ? n : n + 1;
}
var init_pdf = __esm({
  "scripts/outputs/pdf/index.ts"() {
    "use strict";
    init_log();
    init_styles();
    init_toc();
    init_assemble();
    init_chapter_html();
    init_destinations();
    init_fonts();
    init_folios();
    init_front_matter();
    init_geometry();
    init_metadata();
    init_outline();
    init_page_boxes();
    init_preflight();
    init_render();
  }
});

// scripts/build.ts
var build_exports = {};
__export(build_exports, {
  build: () => build,
  writeAtomically: () => writeAtomically
});
import { mkdirSync as mkdirSync2, renameSync, rmSync as rmSync2, statSync as statSync2, writeFileSync as writeFileSync2 } from "node:fs";
import path13 from "node:path";
async function build(options, diagnostics = new Diagnostics()) {
  const quiet = options.quiet ?? false;
  const config = await stage("configuration", () => loadConfig(path13.resolve(options.root), diagnostics), quiet);
  const parser = options.parser ?? new ManuscriptParser(config.labels);
  const manuscript = await stage("manuscript", () => loadManuscript(config, diagnostics, parser), quiet);
  failOnProblems(diagnostics, options.strict);
  const outputs = [];
  for (const format of options.formats) {
    const file = path13.join(config.distDir, `${config.output}.${format}`);
    const rendered = await stage(format.toUpperCase(), () => renderOutput(format, manuscript, diagnostics, options), quiet);
    writeAtomically(file, rendered.data);
    for (const sidecar of rendered.sidecars) writeAtomically(`${file.slice(0, -format.length - 1)}${sidecar.suffix}`, sidecar.data);
    outputs.push({ format, file, bytes: statSync2(file).size });
  }
  return { config, manuscript, outputs, diagnostics };
}
async function renderOutput(format, manuscript, diagnostics, options) {
  switch (format) {
    case "epub":
      return { data: await buildEpub(manuscript), sidecars: [] };
    case "pdf": {
      const { buildPdf: buildPdf2 } = await Promise.resolve().then(() => (init_pdf(), pdf_exports));
      const result = await buildPdf2(manuscript, diagnostics, options.pdfRenderer);
      return { data: result.pdf, sidecars: [{ suffix: ".preflight.json", data: `${JSON.stringify(result.preflight, null, 2)}
` }] };
    }
    default:
      return format;
  }
}
function failOnProblems(diagnostics, strict) {
  if (!diagnostics.failed(strict)) return;
  const errors = diagnostics.list.filter((d) => d.severity === "error").length;
  const warnings = diagnostics.list.length - errors;
  throw new BuildError(
    strict && errors === 0 ? `${warnings} warning(s) under --strict: nothing was written` : `${errors} error(s) in the manuscript: nothing was written`
  );
}
function writeAtomically(file, data) {
  mkdirSync2(path13.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync2(temp, data);
    renameSync(temp, file);
  } catch (error) {
    rmSync2(temp, { force: true });
    throw error;
  }
}
var init_build = __esm({
  "scripts/build.ts"() {
    "use strict";
    init_load();
    init_diagnostics();
    init_log();
    init_load2();
    init_parse();
    init_epub();
  }
});

// scripts/cli/index.ts
init_build();
init_diagnostics();
import path18 from "node:path";
import { parseArgs } from "node:util";

// scripts/dev/index.ts
init_diagnostics();
init_log();
import { existsSync as existsSync7 } from "node:fs";
import path17 from "node:path";

// scripts/dev/build-loop.ts
var BuildLoop = class {
  /** `rebuild` receives the paths changed since the previous rebuild. */
  constructor(rebuild) {
    this.rebuild = rebuild;
  }
  rebuild;
  chain = Promise.resolve();
  waiting = false;
  changes = /* @__PURE__ */ new Set();
  /** Records changed paths and schedules one rebuild, merged with any rebuild not yet started. */
  request(paths) {
    for (const p of paths) this.changes.add(p);
    if (this.waiting) return;
    this.waiting = true;
    void this.exclusive(async () => {
      this.waiting = false;
      const changes = [...this.changes];
      this.changes.clear();
      await this.rebuild(changes);
    });
  }
  /** Runs `task` after every task queued before it, never alongside another. */
  exclusive(task) {
    const run = this.chain.then(task);
    this.chain = run.catch(() => void 0);
    return run;
  }
  /** Resolves once every task queued so far has ended. */
  idle() {
    return this.chain.then(() => void 0);
  }
};

// scripts/dev/keys.ts
init_log();
function listenForKeys(actions) {
  const input = process.stdin;
  if (!input.isTTY) return () => void 0;
  input.setRawMode(true);
  input.setEncoding("utf8");
  const onData = (key) => {
    const action = actions[key === "" ? "ctrl-c" : key.toLowerCase()];
    if (action) action();
  };
  input.on("data", onData);
  input.resume();
  log("Keys: p = build PDF, e = build EPUB, q = quit");
  return () => {
    input.off("data", onData);
    input.setRawMode(false);
    input.pause();
  };
}

// scripts/dev/outputs.ts
init_diagnostics();
init_log();
import path14 from "node:path";
var OutputBuilder = class {
  constructor(session, strict) {
    this.session = session;
    this.strict = strict;
  }
  session;
  strict;
  pdfRenderer;
  /** Builds one format; problems are reported, never thrown, so the dev server stays up. */
  async build(format) {
    const diagnostics = new Diagnostics();
    const start = performance.now();
    try {
      const { build: build2 } = await Promise.resolve().then(() => (init_build(), build_exports));
      if (format === "pdf") this.pdfRenderer ??= new (await Promise.resolve().then(() => (init_pdf(), pdf_exports))).PdfRenderer();
      const options = { root: this.session.root, formats: [format], strict: this.strict, quiet: true, ...this.session.reusable() };
      const result = await build2(format === "pdf" ? { ...options, pdfRenderer: this.pdfRenderer } : options, diagnostics);
      const written = result.outputs.map((o) => `${path14.relative(process.cwd(), o.file) || o.file} (${formatSize(o.bytes)})`).join(", ");
      const message = `${format.toUpperCase()} written in ${Math.round(performance.now() - start)} ms: ${written}`;
      log(message);
      return { ok: true, message };
    } catch (error) {
      for (const d of diagnostics.list.filter((x) => x.severity === "error" || this.strict)) log(formatDiagnostic(d, this.strict));
      const message = `${format.toUpperCase()} failed: ${error instanceof BuildError ? error.message : String(error.stack ?? error)}`;
      log(message);
      return { ok: false, message };
    }
  }
  /** Closes the warm Chromium, if one was started. */
  async close() {
    await this.pdfRenderer?.close().catch(() => void 0);
    this.pdfRenderer = void 0;
  }
};

// scripts/dev/server.ts
init_load2();
import { readFileSync as readFileSync7 } from "node:fs";
import { createServer } from "node:http";
import { fileURLToPath as fileURLToPath3 } from "node:url";

// scripts/outputs/html/index.ts
init_load2();
init_toc();
import { h as h8 } from "hastscript";
import { toHtml as toHtml2 } from "hast-util-to-html";
var chapterHtml = /* @__PURE__ */ new WeakMap();
function chapterPage(manuscript, chapter, frame) {
  let body = chapterHtml.get(chapter.tree);
  if (body === void 0) {
    body = toHtml2(chapter.tree);
    chapterHtml.set(chapter.tree, body);
  }
  const previous = manuscript.chapters[chapter.index - 1];
  const next = manuscript.chapters[chapter.index + 1];
  const nav = h8("nav.book-pager", { "aria-label": "pager" }, [
    previous ? h8("a", { rel: "prev", href: chapterHref(previous) }, `\u2190 ${previous.title}`) : h8("span"),
    next ? h8("a", { rel: "next", href: chapterHref(next) }, `${next.title} \u2192`) : h8("span")
  ]);
  return documentOf(manuscript, chapter.title, frame, `<section role="doc-chapter" id="${chapter.id}">${body}</section>`, [nav]);
}
function contentsPage(manuscript, frame) {
  const { config } = manuscript;
  const content = h8("nav#toc", { role: "doc-toc" }, [h8("h1", config.title), h8("p.book-authors", config.authors.join(", ")), tocList(buildToc(manuscript))]);
  return documentOf(manuscript, config.title, frame, toHtml2(content), []);
}
function emptyPage(lang, title, frame) {
  return wrap(lang, title, frame, "");
}
function tocList(entries) {
  return h8(
    "ol",
    entries.map((e) => {
      const href = e.chapter && (e.id ? `${chapterHref(e.chapter)}#${e.id}` : chapterHref(e.chapter));
      const label = href ? h8("a", { href }, e.title) : h8("span", e.title);
      return h8("li", e.children.length ? [label, tocList(e.children)] : [label]);
    })
  );
}
function documentOf(manuscript, title, frame, content, after) {
  return wrap(manuscript.config.language, title, frame, `<main class="book-content">${content}</main>${toHtml2(after)}`);
}
function wrap(lang, title, frame, body) {
  const head = toHtml2([h8("meta", { charset: "utf-8" }), h8("meta", { name: "viewport", content: "width=device-width, initial-scale=1" }), h8("title", title), ...frame.head]);
  const attributes = toHtml2(h8("html", { lang, ...frame.htmlProperties })).replace(/<\/html>$/, "");
  return `<!doctype html>
${attributes}<head>${head}</head><body>${toHtml2(frame.before)}${body}</body></html>
`;
}

// scripts/dev/server.ts
init_styles();

// scripts/dev/chrome.ts
init_diagnostics();
import { h as h9 } from "hastscript";

// scripts/dev/session.ts
init_load();
init_diagnostics();
init_load2();
init_parse();
import path15 from "node:path";
var PreviewSession = class {
  constructor(root) {
    this.root = root;
  }
  root;
  state = { version: 0, diagnostics: [], buildMs: 0 };
  parser;
  parserLabels = "";
  /** The parser for `config`; a new one when the labels changed, since they shape the HTML. */
  parserFor(config) {
    const labels = JSON.stringify(config.labels);
    if (!this.parser || labels !== this.parserLabels) {
      this.parser = new ManuscriptParser(config.labels, { keep: true });
      this.parserLabels = labels;
    }
    return this.parser;
  }
  /** Build options that reuse this session's parser (for the on-request outputs). */
  reusable() {
    return this.parser ? { parser: this.parser } : {};
  }
  /** Loads the book again; `removed` files are dropped from the parser's cache. */
  async rebuild(removed2 = []) {
    const start = performance.now();
    const diagnostics = new Diagnostics();
    let manuscript = this.state.manuscript;
    let failure;
    try {
      const config = loadConfig(path15.resolve(this.root), diagnostics);
      const parser = this.parserFor(config);
      for (const file of removed2) parser.forget(file);
      manuscript = await loadManuscript(config, diagnostics, parser);
    } catch (error) {
      failure = error instanceof BuildError ? error.message : `unexpected error: ${error.stack ?? String(error)}`;
    }
    const state = { version: this.state.version + 1, diagnostics: diagnostics.list, buildMs: performance.now() - start };
    if (manuscript) state.manuscript = manuscript;
    if (failure) state.failure = failure;
    this.state = state;
    return state;
  }
};
function blockingProblems(state, strict) {
  return state.diagnostics.filter((d) => d.severity === "error" || strict);
}

// scripts/dev/chrome.ts
var looks = ["print", "epub"];
var pickLook = `(function(){var l=sessionStorage.getItem('book-dev-look')==='print'?'print':'epub';document.documentElement.dataset.bookLook=l;document.getElementById('book-look').href='/_dev/look/'+l+'.css';})();`;
var toolbarCss = `
:host { all: initial; }
.bar { position: fixed; top: 0; left: 0; right: 0; z-index: 2147483646; display: flex; gap: .75rem; align-items: center;
  padding: .35rem .75rem; font: 13px/1.4 system-ui, sans-serif; color: #222; background: #f4f4f4; border-bottom: 1px solid #ccc; }
.bar a { color: #1a5fb4; text-decoration: none; }
.bar button { font: inherit; padding: .1rem .5rem; cursor: pointer; }
.spacer { flex: 1; }
details { position: relative; }
summary { cursor: pointer; color: #8a5a00; }
details ul { position: absolute; right: 0; top: 1.6rem; width: min(40rem, 90vw); max-height: 60vh; overflow: auto; margin: 0;
  padding: .5rem .75rem .5rem 1.75rem; background: #fffbe6; border: 1px solid #d9c77a; font: 12px/1.5 ui-monospace, monospace; }
#book-dev-overlay { position: fixed; inset: 0; z-index: 2147483647; overflow: auto; padding: 3rem 2rem; background: rgba(40, 0, 0, .86);
  color: #fff; font: 14px/1.5 ui-monospace, monospace; }
#book-dev-overlay h2 { margin: 0 0 1rem; font: bold 18px/1.3 system-ui, sans-serif; color: #ff8a80; }
#book-dev-overlay li { margin: .25rem 0; white-space: pre-wrap; }
#book-dev-overlay p { color: #ddd; font-family: system-ui, sans-serif; }
`;
function devFrame(state, strict, chapterKey) {
  const head = [
    h9("link", { id: "book-look", rel: "stylesheet", href: "/_dev/look/epub.css" }),
    h9("script", pickLook),
    h9("link", { rel: "stylesheet", href: `/_dev/preview.css?v=${state.version}` }),
    h9("script", { src: "/_dev/live.js", defer: true })
  ];
  const htmlProperties = { "data-book-version": String(state.version) };
  if (chapterKey) htmlProperties["data-book-chapter"] = chapterKey;
  return { head, before: [toolbar(state, strict)], htmlProperties };
}
function toolbar(state, strict) {
  const problems = blockingProblems(state, strict);
  const warnings = state.diagnostics.filter((d) => !problems.includes(d));
  const bar = h9("div.bar", [
    h9("a", { href: "/" }, state.manuscript?.config.labels.toc ?? "Contents"),
    h9("span.spacer"),
    warnings.length ? h9("details", [h9("summary", `${warnings.length} warning(s)`), h9("ul", warnings.map((d) => h9("li", formatDiagnostic(d))))]) : h9("span"),
    h9("button", { type: "button", id: "look", title: "Switch between the print look and the e-reader look" }, "print / e-reader")
  ]);
  const parts = [h9("style", toolbarCss), bar];
  if (problems.length || state.failure) parts.push(overlay(problems, state.failure, strict));
  return h9("book-dev", [h9("template", { shadowrootmode: "open" }, parts)]);
}
function overlay(problems, failure, strict) {
  return h9("div", { id: "book-dev-overlay", role: "alert" }, [
    h9("h2", "The book has errors"),
    h9("ul", [...problems.map((d) => h9("li", formatDiagnostic(d, strict))), ...failure ? [h9("li", failure)] : []]),
    h9("p", "Fix the file and save: this page reloads by itself. The last good version of the book is shown below.")
  ]);
}
function previewCss(print) {
  const sheet = print ? `html[data-book-look="print"] { background: #8c8c8c; }
html[data-book-look="print"] body { box-sizing: border-box; width: ${print.trimWidth}mm; min-height: ${print.trimHeight}mm;
  margin: 3rem auto 2rem; padding: ${print.margins.top}mm ${print.margins.outer}mm ${print.margins.bottom}mm ${print.margins.inner}mm;
  background: #fff; box-shadow: 0 0 .6rem rgba(0, 0, 0, .5); font-size: ${print.fontSize}pt; }` : "";
  return `html[data-book-look="epub"] body { max-width: 42em; margin: 3rem auto 2rem; padding: 0 1rem; }
.book-pager { display: flex; justify-content: space-between; gap: 1rem; margin: 3em 0 1em; font: 14px/1.4 system-ui, sans-serif; }
${sheet}
`;
}

// scripts/dev/sse.ts
var EventHub = class {
  clients = /* @__PURE__ */ new Set();
  /** Turns `res` into an event stream and sends it `hello` with the current state. */
  connect(res, hello) {
    res.writeHead(200, { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-store", connection: "keep-alive" });
    res.write("retry: 500\n\n");
    this.clients.add(res);
    res.on("close", () => this.clients.delete(res));
    send(res, "hello", hello);
  }
  /** Sends one event to every connected tab. */
  broadcast(event, data) {
    for (const res of this.clients) send(res, event, data);
  }
  /** Ends every stream, so the server can close. */
  close() {
    for (const res of this.clients) res.end();
    this.clients.clear();
  }
};
function send(res, event, data) {
  res.write(`event: ${event}
data: ${JSON.stringify(data)}

`);
}

// scripts/dev/server.ts
var liveReloadScript = readFileSync7(fileURLToPath3(new URL("./browser/live-reload.js", import.meta.url)), "utf8");
async function startServer(source2, port) {
  const events = new EventHub();
  const server = createServer((req, res) => {
    handle(source2, events, req, res).catch((error) => {
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
      res.end(String(error.stack ?? error));
    });
  });
  const address = await listen(server, port);
  return {
    url: `http://127.0.0.1:${address.port}/`,
    events,
    close: () => new Promise((resolve2) => {
      events.close();
      server.close(() => resolve2());
      server.closeAllConnections();
    })
  };
}
async function listen(server, port, attempts = 20) {
  for (let i = 0; ; i++) {
    try {
      await new Promise((resolve2, reject) => {
        server.once("error", reject);
        server.listen(port + i, "127.0.0.1", () => {
          server.off("error", reject);
          resolve2();
        });
      });
      return server.address();
    } catch (error) {
      if (error.code !== "EADDRINUSE" || port === 0 || i + 1 >= attempts) throw error;
    }
  }
}
async function handle(source2, events, req, res) {
  const url = new URL(req.url ?? "/", "http://127.0.0.1");
  const state = source2.state();
  const manuscript = state.manuscript;
  const pathname = decodeURIComponent(url.pathname);
  if (pathname === "/_dev/events") return events.connect(res, reloadEvent(state));
  if (pathname === "/_dev/live.js") return send2(res, 200, "text/javascript; charset=utf-8", liveReloadScript);
  if (pathname === "/_dev/preview.css") return send2(res, 200, "text/css; charset=utf-8", previewCss(manuscript?.config.print));
  if (pathname === "/_dev/state") return send2(res, 200, "application/json", JSON.stringify({ version: state.version, diagnostics: state.diagnostics, failure: state.failure }));
  if (pathname === "/_dev/build" && req.method === "POST") {
    const format = url.searchParams.get("format");
    if (format !== "epub" && format !== "pdf") return send2(res, 400, "application/json", JSON.stringify({ ok: false, message: "format must be epub or pdf" }));
    const result = await source2.buildOutput(format);
    return send2(res, result.ok ? 200 : 500, "application/json", JSON.stringify(result));
  }
  const look = /^\/_dev\/look\/(\w+)\.css$/.exec(pathname)?.[1];
  if (look && looks.includes(look)) return send2(res, 200, "text/css; charset=utf-8", lookCss(manuscript, look));
  if (!manuscript) return send2(res, 503, "text/html; charset=utf-8", emptyPage("en", "Book preview", devFrame(state, source2.strict)));
  if (pathname === "/" || pathname === "/index.html") return send2(res, 200, "text/html; charset=utf-8", contentsPage(manuscript, devFrame(state, source2.strict)));
  const chapter = manuscript.chapters.find((c) => `/${chapterHref(c)}` === pathname);
  const keys = chapterKeys(manuscript);
  if (chapter) return send2(res, 200, "text/html; charset=utf-8", chapterPage(manuscript, chapter, devFrame(state, source2.strict, keys.get(chapter.id))));
  const asset = manuscript.assets.get(pathname.slice(1));
  if (asset) return send2(res, 200, asset.mediaType, asset.data);
  return send2(res, 404, "text/html; charset=utf-8", emptyPage(manuscript.config.language, "Not found", devFrame(state, source2.strict)));
}
function lookCss(manuscript, look) {
  if (!manuscript) return "";
  try {
    return bookStylesheet(manuscript.config, `${look}.css`);
  } catch {
    return bookStylesheet(manuscript.config, "epub.css");
  }
}
function chapterKeys(manuscript) {
  const seen = /* @__PURE__ */ new Map();
  const keys = /* @__PURE__ */ new Map();
  for (const chapter of manuscript.chapters) {
    const n = seen.get(chapter.source) ?? 0;
    seen.set(chapter.source, n + 1);
    keys.set(chapter.id, `${chapter.source}#${n}`);
  }
  return keys;
}
function reloadEvent(state) {
  const chapters = {};
  if (state.manuscript) {
    for (const [id, key] of chapterKeys(state.manuscript)) chapters[key] = chapterHref({ id });
  }
  const errors = state.diagnostics.filter((d) => d.severity === "error").length + (state.failure ? 1 : 0);
  return { version: state.version, buildMs: Math.round(state.buildMs * 10) / 10, errors, chapters };
}
function send2(res, status, type, body) {
  res.writeHead(status, { "content-type": type, "cache-control": "no-store" });
  res.end(body);
}

// scripts/dev/watch.ts
import { existsSync as existsSync6, statSync as statSync3 } from "node:fs";
import path16 from "node:path";
import { watch } from "chokidar";
var watchedFolders = ["manuscript", "assets", "styles"];
function isEditorDropping(file) {
  const name = path16.basename(file);
  return name.startsWith(".") || name.startsWith("#") || name.endsWith("~") || /\.(swp|swx|tmp|bak)$/i.test(name);
}
function signature(file) {
  try {
    const stats = statSync3(file);
    return `${stats.size}:${stats.mtimeMs}`;
  } catch {
    return "gone";
  }
}
function watchBook(root, onChange, debounceMs = 8) {
  const folders = watchedFolders.map((f) => path16.join(root, f)).filter((f) => existsSync6(f));
  const watcher = watch(folders, {
    ignoreInitial: true,
    ignored: (file) => isEditorDropping(file) || file.split(path16.sep).includes("node_modules")
  });
  let pending = /* @__PURE__ */ new Set();
  let timer;
  const rechecks = /* @__PURE__ */ new Set();
  const note = (files) => {
    for (const file of files) pending.add(file);
    clearTimeout(timer);
    timer = setTimeout(flush, debounceMs);
  };
  const flush = () => {
    const batch = [...pending];
    pending = /* @__PURE__ */ new Set();
    const seen = new Map(batch.map((file) => [file, signature(file)]));
    onChange(batch);
    const recheck = setTimeout(() => {
      rechecks.delete(recheck);
      const missed = batch.filter((file) => signature(file) !== seen.get(file));
      if (missed.length) note(missed);
    }, 60);
    rechecks.add(recheck);
  };
  watcher.on("all", (_event, file) => note([file]));
  const ready = new Promise((resolve2) => watcher.once("ready", () => resolve2()));
  return {
    ready,
    close: async () => {
      clearTimeout(timer);
      for (const recheck of rechecks) clearTimeout(recheck);
      await watcher.close();
    }
  };
}

// scripts/dev/index.ts
async function startDev(options) {
  const root = path17.resolve(options.root);
  if (!existsSync7(path17.join(root, "manuscript"))) {
    log(`${root} is not a book folder: it has no manuscript/ folder`);
    return 1;
  }
  const session = new PreviewSession(root);
  const outputs = new OutputBuilder(session, options.strict);
  report(await session.rebuild(), options.strict);
  const loop = new BuildLoop(async (changes) => {
    const state = await session.rebuild(changes.filter((file) => !existsSync7(file)));
    server.events.broadcast("reload", reloadEvent(state));
    report(state, options.strict, changes);
  });
  const buildOutput = (format) => loop.exclusive(() => outputs.build(format));
  const server = await startServer({ state: () => session.state, strict: options.strict, buildOutput }, options.port);
  const watcher = watchBook(root, (paths) => loop.request(paths));
  await watcher.ready;
  log(`Preview of ${root} at ${server.url}`);
  return new Promise((resolve2) => {
    let stopping = false;
    const stop = () => {
      if (stopping) return;
      stopping = true;
      releaseKeys();
      log("Stopping the preview\u2026");
      void Promise.all([watcher.close(), server.close(), outputs.close()]).then(() => resolve2(0));
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
    const releaseKeys = listenForKeys({
      p: () => void buildOutput("pdf"),
      e: () => void buildOutput("epub"),
      q: stop,
      "ctrl-c": stop
    });
  });
}
function report(state, strict, changes = []) {
  const changed = changes.length ? ` after ${changes.map((c) => path17.basename(c)).join(", ")} changed` : "";
  const problems = blockingProblems(state, strict);
  const warnings = state.diagnostics.length - problems.length;
  log(`\u2022 rebuilt in ${Math.round(state.buildMs)} ms${changed}${warnings ? `, ${warnings} warning(s)` : ""}${problems.length || state.failure ? ", with errors:" : ""}`);
  for (const d of problems) log(`  ${formatDiagnostic(d, strict)}`);
  if (state.failure) log(`  ${state.failure}`);
}

// scripts/cli/index.ts
init_log();
var usage = `Usage:
  book build [DIR] [--format epub|pdf]... [--strict]   build the book whose root is DIR (default: this repository)
  book dev [DIR] [--port N] [--strict]                 watch the book and serve a live preview

Options:
  --format, -f   epub or pdf; repeat for both (default: every format)
  --strict       treat warnings as errors
  --port, -p     preview port for dev (default 4321; the next free one if taken)
  --help, -h     show this help`;
async function main(argv) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: "string", short: "f", multiple: true },
        strict: { type: "boolean", default: false },
        port: { type: "string", short: "p" },
        help: { type: "boolean", short: "h", default: false }
      }
    });
  } catch (error) {
    log(`${error.message}

${usage}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command = "build", dir = ".", ...rest] = positionals;
  if (values.help) {
    log(usage);
    return 0;
  }
  if (rest.length) {
    log(`unexpected arguments: ${rest.join(" ")}

${usage}`);
    return 2;
  }
  const formats = values.format ?? ["epub", "pdf"];
  const unknown = formats.filter((f) => f !== "epub" && f !== "pdf");
  if (unknown.length) {
    log(`unknown format ${unknown.join(", ")}: use epub or pdf`);
    return 2;
  }
  const root = path18.resolve(dir);
  if (command === "build") return runBuild(root, formats, values.strict ?? false);
  if (command === "dev") {
    const port = Number(values.port ?? 4321);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      log(`--port must be a port number, not "${values.port}"`);
      return 2;
    }
    return startDev({ root, strict: values.strict ?? false, port });
  }
  log(`unknown command "${command}"

${usage}`);
  return 2;
}
async function runBuild(root, formats, strict) {
  const diagnostics = new Diagnostics();
  log(`Building ${formats.join(" + ").toUpperCase()} of ${root}`);
  try {
    const result = await build({ root, formats, strict }, diagnostics);
    printDiagnostics(diagnostics, strict);
    for (const output of result.outputs) log(`  ${path18.relative(process.cwd(), output.file) || output.file}  ${formatSize(output.bytes)}`);
    return 0;
  } catch (error) {
    printDiagnostics(diagnostics, strict);
    if (error instanceof BuildError) {
      log(`build failed: ${error.message}`);
      return 1;
    }
    throw error;
  }
}
function printDiagnostics(diagnostics, strict) {
  const byPlace = [...diagnostics.list].sort((a, b) => (a.file ?? "").localeCompare(b.file ?? "") || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  for (const d of byPlace) log(formatDiagnostic(d, strict));
  const errors = diagnostics.list.filter((d) => d.severity === "error").length;
  const warnings = diagnostics.list.length - errors;
  if (diagnostics.list.length) log(`${errors} error(s), ${warnings} warning(s)`);
}
process.exitCode = await main(process.argv.slice(2));
export {
  main
};
