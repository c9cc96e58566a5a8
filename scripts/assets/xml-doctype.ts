/**
 * The document type declaration of an XML file taken out, with the internal entities it declares
 * written out where the document uses them. Drawing tools save SVG 1.1 with
 * `<!DOCTYPE svg PUBLIC … [ <!ENTITY ns_svg "http://www.w3.org/2000/svg"> … ]>` and write
 * `xmlns="&ns_svg;"`; EPUB 3 forbids external identifiers in a DOCTYPE, no reader fetches the DTD,
 * and the XML parser knows no entities but the five predefined ones. What the book needs from the
 * declaration is only the text its internal entities stand for: external ones are never read.
 */
import { fromXml } from 'xast-util-from-xml';

/** The document without its DOCTYPE and what was left out of it, or why it is not well-formed. */
export type WithoutDoctype = { text: string; warnings: string[] } | { problem: string };

/** What an entity declaration binds a name to. */
type Entity = { internal: true; value: string } | { internal: false; system: string };

/** A declaration that breaks the XML rules: the file cannot be read. */
class NotWellFormed extends Error {}

const nameStart = ':A-Z_a-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD\\u{10000}-\\u{EFFFF}';
const nameChar = `${nameStart}\\-.0-9\\u00B7\\u0300-\\u036F\\u203F\\u2040`;
/** An XML Name, read where a reader stands. */
const namePattern = new RegExp(`[${nameStart}][${nameChar}]*`, 'uy');
/** A reference as it starts at `&`: a character reference or an entity reference. */
const referencePattern = new RegExp(`&(?:#[0-9]+|#x[0-9A-Fa-f]+|([${nameStart}][${nameChar}]*));`, 'uy');
const predefined = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);
/** How many characters entities may add to a file: beyond it, an entity bomb is at work. */
const expansionLimit = 8 * 1024 * 1024;

/**
 * `xml` without its DOCTYPE, the internal general entities it declares expanded in elements and
 * attribute values (not in comments, CDATA or processing instructions, where they are text), or
 * undefined when it has no DOCTYPE.
 */
export function withoutDoctype(xml: string): WithoutDoctype | undefined {
  const reader = new Reader(xml);
  if (!reader.skipProlog()) return undefined;
  const warnings: string[] = [];
  try {
    const start = reader.pos;
    const entities = reader.doctype(warnings);
    const expander = new Expander(entities, warnings);
    return { text: xml.slice(0, start) + expander.markup(xml.slice(reader.pos), []), warnings };
  } catch (error) {
    if (error instanceof NotWellFormed) return { problem: error.message };
    throw error;
  }
}

/** Reads the prolog and the DOCTYPE, from the start of the file. */
class Reader {
  pos = 0;

  constructor(private readonly text: string) {}

  /** Steps over the byte order mark, XML declaration, comments and white space; true when a DOCTYPE follows. */
  skipProlog(): boolean {
    if (this.text.charCodeAt(0) === 0xfeff) this.pos = 1;
    for (;;) {
      this.skipSpace();
      const end = this.at('<?') ? '?>' : this.at('<!--') ? '-->' : undefined;
      if (!end) return this.at('<!DOCTYPE');
      const at = this.text.indexOf(end, this.pos);
      // An unclosed prolog is left for the XML parser to report.
      if (at < 0) return false;
      this.pos = at + end.length;
    }
  }

  /** Reads `<!DOCTYPE name externalID? [subset]? >` and returns the general entities of its subset. */
  doctype(warnings: string[]): Map<string, Entity> {
    this.pos += '<!DOCTYPE'.length;
    this.requireSpace('DOCTYPE');
    this.name('the DOCTYPE names no root element');
    this.skipSpace();
    if (this.at('SYSTEM') || this.at('PUBLIC')) this.externalId();
    this.skipSpace();
    const entities = new Map<string, Entity>();
    if (this.at('[')) {
      this.pos++;
      this.subset(entities, warnings);
      this.skipSpace();
    }
    this.expect('>', 'the DOCTYPE is not closed with ">"');
    return entities;
  }

  /** Reads the internal subset up to its `]`: entity declarations are kept, the others skipped. */
  private subset(entities: Map<string, Entity>, warnings: string[]): void {
    let attributeLists = false;
    for (;;) {
      this.skipSpace();
      if (this.at(']')) {
        this.pos++;
        break;
      }
      if (this.at('<!--')) this.skipPast('-->', 'a comment in the DOCTYPE is not closed');
      else if (this.at('<?')) this.skipPast('?>', 'a processing instruction in the DOCTYPE is not closed');
      else if (this.at('%')) {
        this.pos++;
        const name = this.name('a "%" in the DOCTYPE names no parameter entity');
        this.expect(';', `the parameter entity reference %${name} has no ";"`);
        warnings.push(`the parameter entity %${name}; of its DOCTYPE is not read: declarations it holds are left out`);
      } else if (this.at('<!ENTITY')) this.entity(entities);
      else if (this.at('<!ATTLIST') || this.at('<!ELEMENT') || this.at('<!NOTATION')) {
        attributeLists ||= this.at('<!ATTLIST');
        this.skipDeclaration();
      } else throw new NotWellFormed('its DOCTYPE holds something that is not a declaration');
    }
    // Only a validating reader applies declared attribute defaults; e-readers and Chromium do not.
    if (attributeLists) warnings.push('the attribute defaults its DOCTYPE declares are left out');
  }

  /** Reads `<!ENTITY %? name (value | externalID NDATA?) >`, keeping the first binding of a general entity. */
  private entity(entities: Map<string, Entity>): void {
    this.pos += '<!ENTITY'.length;
    this.requireSpace('<!ENTITY');
    const parameter = this.at('%');
    if (parameter) {
      this.pos++;
      this.requireSpace('<!ENTITY %');
    }
    const name = this.name('an entity declaration has no name');
    this.requireSpace(`the entity "${name}"`);
    let entity: Entity;
    if (this.at('"') || this.at("'")) entity = { internal: true, value: replacementText(name, this.quoted()) };
    else {
      entity = { internal: false, system: this.externalId() };
      this.skipSpace();
      if (this.at('NDATA')) {
        this.pos += 'NDATA'.length;
        this.requireSpace('NDATA');
        this.name(`the entity "${name}" names no notation`);
      }
    }
    this.skipSpace();
    this.expect('>', `the declaration of the entity "${name}" is not closed with ">"`);
    // Parameter entities serve only the DTD itself; the predefined five keep their meaning; the
    // first declaration of a name is the one that counts.
    if (!parameter && !predefined.has(name) && !entities.has(name)) entities.set(name, entity);
  }

  /** Reads `SYSTEM "uri"` or `PUBLIC "id" "uri"` and returns the system identifier. */
  private externalId(): string {
    const keyword = this.at('PUBLIC') ? 'PUBLIC' : 'SYSTEM';
    if (!this.at(keyword)) throw new NotWellFormed('an external identifier in the DOCTYPE is neither SYSTEM nor PUBLIC');
    this.pos += keyword.length;
    this.requireSpace(keyword);
    if (keyword === 'PUBLIC') {
      this.quoted();
      this.requireSpace('a public identifier');
    }
    return this.quoted();
  }

  /** Steps past a markup declaration, quoted strings and all. */
  private skipDeclaration(): void {
    const pattern = /[^"'>]*/y;
    for (;;) {
      pattern.lastIndex = this.pos;
      this.pos += (pattern.exec(this.text) as RegExpExecArray)[0].length;
      if (this.at('>')) break;
      if (this.pos >= this.text.length) throw new NotWellFormed('a declaration in the DOCTYPE is not closed');
      this.quoted();
    }
    this.pos++;
  }

  /** A quoted literal's content. */
  private quoted(): string {
    const quote = this.text[this.pos];
    const end = quote === '"' || quote === "'" ? this.text.indexOf(quote, this.pos + 1) : -1;
    if (end < 0) throw new NotWellFormed('a quoted value in the DOCTYPE is not closed');
    const value = this.text.slice(this.pos + 1, end);
    this.pos = end + 1;
    return value;
  }

  /** An XML Name, or the failure `missing`. */
  private name(missing: string): string {
    namePattern.lastIndex = this.pos;
    const found = namePattern.exec(this.text)?.[0];
    if (!found) throw new NotWellFormed(missing);
    this.pos += found.length;
    return found;
  }

  /** Whether the text at the reader's place starts with `prefix`. */
  private at(prefix: string): boolean {
    return this.text.startsWith(prefix, this.pos);
  }

  /** Steps over `token`, or fails with `message`. */
  private expect(token: string, message: string): void {
    if (!this.at(token)) throw new NotWellFormed(message);
    this.pos += token.length;
  }

  /** Steps past the next `end`, or fails with `message`. */
  private skipPast(end: string, message: string): void {
    const at = this.text.indexOf(end, this.pos);
    if (at < 0) throw new NotWellFormed(message);
    this.pos = at + end.length;
  }

  /** Steps over white space. */
  private skipSpace(): void {
    while (/[ \t\r\n]/.test(this.text[this.pos] ?? '')) this.pos++;
  }

  /** Steps over white space that the grammar requires after `what`. */
  private requireSpace(what: string): void {
    const start = this.pos;
    this.skipSpace();
    if (this.pos === start) throw new NotWellFormed(`the DOCTYPE needs a space after ${what}`);
  }
}

/**
 * An entity's replacement text: character references in its literal are replaced now, entity
 * references stay to be expanded where it is used (XML 1.0, 4.5).
 */
function replacementText(name: string, literal: string): string {
  if (literal.includes('%')) throw new NotWellFormed(`the entity "${name}" uses a parameter entity, which an internal DOCTYPE may not`);
  let text = '';
  let i = 0;
  for (let amp = literal.indexOf('&'); amp >= 0; amp = literal.indexOf('&', i)) {
    referencePattern.lastIndex = amp;
    const match = referencePattern.exec(literal);
    if (!match) throw new NotWellFormed(`the entity "${name}" holds an "&" that starts no reference`);
    text += literal.slice(i, amp) + (match[1] ? match[0] : characterOf(match[0]));
    i = amp + match[0].length;
  }
  return text + literal.slice(i);
}

/** The character a character reference (`&#60;`, `&#x3C;`) stands for. */
function characterOf(reference: string): string {
  const code = reference[2] === 'x' ? parseInt(reference.slice(3, -1), 16) : parseInt(reference.slice(2, -1), 10);
  const allowed = code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
  if (!allowed) throw new NotWellFormed(`${reference} is not a character XML allows`);
  return String.fromCodePoint(code);
}

/** Writes out entity references where the document uses them, each entity expanded once per context. */
class Expander {
  private readonly done = new Map<string, string>();
  private readonly refused = new Set<string>();
  private added = 0;

  constructor(
    private readonly entities: Map<string, Entity>,
    private readonly warnings: string[],
  ) {}

  /** Markup (the document, or an entity used in element content) with its references expanded. */
  markup(text: string, open: string[]): string {
    let out = '';
    let i = 0;
    const special = /[<&]/g;
    for (let m = special.exec(text); m; m = special.exec(text)) {
      out += text.slice(i, m.index);
      i = m.index;
      if (m[0] === '&') {
        const [written, length] = this.reference(text, i, 'content', open);
        out += written;
        i += length;
      } else {
        const end = ([['<!--', '-->'], ['<![CDATA[', ']]>'], ['<?', '?>']] as const).find(([start]) => text.startsWith(start, i))?.[1];
        const close = end ? text.indexOf(end, i) : -1;
        // Comments, CDATA and processing instructions are copied as they are; a tag has its attribute values expanded.
        const next = end ? (close < 0 ? text.length : close + end.length) : this.tagEnd(text, i);
        out += end ? text.slice(i, next) : this.tag(text.slice(i, next), open);
        i = next;
      }
      special.lastIndex = i;
    }
    return out + text.slice(i);
  }

  /** Where the tag starting at `start` ends: after its `>`, quoted values skipped. */
  private tagEnd(text: string, start: number): number {
    const pattern = /[^"'>]*/y;
    let i = start + 1;
    for (;;) {
      pattern.lastIndex = i;
      i += (pattern.exec(text) as RegExpExecArray)[0].length;
      if (i >= text.length) return text.length;
      if (text[i] === '>') return i + 1;
      const close = text.indexOf(text[i] as string, i + 1);
      if (close < 0) return text.length;
      i = close + 1;
    }
  }

  /** A tag with the references in its quoted attribute values expanded. */
  private tag(tag: string, open: string[]): string {
    return tag.replace(/"([^"]*)"|'([^']*)'/g, (_, double?: string, single?: string) => (double !== undefined ? `"${this.attribute(double, open)}"` : `'${this.attribute(single as string, open)}'`));
  }

  /** An attribute value (or an entity used in one) with its references expanded, quotes escaped. */
  private attribute(value: string, open: string[]): string {
    let out = '';
    let i = 0;
    for (let amp = value.indexOf('&'); amp >= 0; amp = value.indexOf('&', i)) {
      out += escapeQuotes(value.slice(i, amp));
      const [written, length] = this.reference(value, amp, 'attribute', open);
      out += written;
      i = amp + length;
    }
    return out + escapeQuotes(value.slice(i));
  }

  /**
   * The text for the reference at `at` and how long the reference is. Character references, the
   * predefined entities and undeclared names are left for the XML parser (which reports the last).
   */
  private reference(text: string, at: number, context: 'content' | 'attribute', open: string[]): [string, number] {
    referencePattern.lastIndex = at;
    const match = referencePattern.exec(text);
    if (!match) return ['&', 1];
    const name = match[1];
    const entity = name === undefined ? undefined : this.entities.get(name);
    if (!name || !entity) return [match[0], match[0].length];
    if (!entity.internal) {
      if (!this.refused.has(name)) this.warnings.push(`the external entity "&${name};" (${entity.system}) is not read: a book reads no file an SVG names this way, so it stands for nothing`);
      this.refused.add(name);
      return ['', match[0].length];
    }
    const written = this.expand(name, entity.value, context, open);
    this.added += written.length;
    if (this.added > expansionLimit) throw new NotWellFormed(`its entities expand to more than ${expansionLimit / 1024 / 1024} MB of text`);
    return [written, match[0].length];
  }

  /** The replacement text of entity `name` expanded for `context`, checked as XML requires there. */
  private expand(name: string, value: string, context: 'content' | 'attribute', open: string[]): string {
    const key = `${context}:${name}`;
    const done = this.done.get(key);
    if (done !== undefined) return done;
    if (open.includes(name)) throw new NotWellFormed(`the entity "${name}" refers to itself`);
    let written: string;
    if (context === 'attribute') {
      if (value.includes('<')) throw new NotWellFormed(`the entity "${name}" holds a "<" but is used in an attribute value`);
      written = this.attribute(value, [...open, name]);
    } else {
      written = this.markup(value, [...open, name]);
      // Markup from an entity must be complete in itself: no tag opened in it and closed outside.
      if (written.includes('<')) {
        try {
          fromXml(`<entity>${written}</entity>`);
        } catch {
          throw new NotWellFormed(`the entity "${name}" is not well-formed markup on its own`);
        }
      }
    }
    this.done.set(key, written);
    return written;
  }
}

/** Text for inside a quoted attribute value, whichever quote it has. */
function escapeQuotes(text: string): string {
  return text.replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}
