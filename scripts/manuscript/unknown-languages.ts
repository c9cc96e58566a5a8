/**
 * The highlighter (rehype-highlight) says, once per code block, that it does not know a block's
 * language. A book that writes forty `solidity` blocks needs to hear it once: this folds those
 * messages, book-wide and in reading order, into one warning per language at its first block,
 * with how many blocks were printed plain.
 */
import { problem, type Diagnostic } from '../diagnostics.js';

/** rehype-highlight's rule id for a language it has no grammar for. */
const highlighterRule = 'missing-language';

/** The language a message of the highlighter is about (it quotes it in backticks); the whole reason if its wording changed. */
function languageIn(reason: string): string {
  return /`([^`]+)`/.exec(reason)?.[1] ?? reason;
}

/** Collects the highlighter's messages across the book's files and reports each language once. */
export class UnknownLanguages {
  private readonly seen = new Map<string, { first: Diagnostic; count: number }>();

  /** The messages other than the highlighter's about unknown languages, which are kept to be reported once. */
  take(messages: Diagnostic[]): Diagnostic[] {
    return messages.filter((m) => {
      if (m.ruleId !== highlighterRule) return true;
      const language = languageIn(m.reason);
      const entry = this.seen.get(language);
      if (entry) entry.count++;
      else this.seen.set(language, { first: m, count: 1 });
      return false;
    });
  }

  /** One warning per language, at its first code block. */
  warnings(): Diagnostic[] {
    return [...this.seen].map(([language, { first, count }]) =>
      problem('warning', `cannot highlight \`${language}\`: the highlighter does not know this language, printed plain (in ${count} code block${count === 1 ? '' : 's'})`, {
        file: first.file ?? undefined,
        line: first.line ?? undefined,
        column: first.column ?? undefined,
        ruleId: 'unknown-language',
      }),
    );
  }
}
