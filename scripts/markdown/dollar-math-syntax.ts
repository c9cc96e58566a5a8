/**
 * The micromark construct for single-dollar formulas, by GitHub's rules (those of pandoc's
 * tex_math_dollars): the opening `$` is not followed by a space; the first `$` after it that is
 * not escaped (`\$`) must close it, not preceded by a space and not followed by a digit, or the
 * opening `$` is text. So `$5 and $10`, `$HOME and $PATH` and `costs $5.` stay text while in
 * `I paid $5. Let $x$ be` only `$x$` is a formula. remark-math
 * reads them the way code spans are read (any `$` closes), so it is told not to read single
 * dollars and keeps `$$…$$`. The tokens are remark-math's, whose mdast handlers make the nodes.
 */
import type { Data } from 'unified';

// micromark's types, reached through remark-parse's declaration of unified's Data.
type Extension = NonNullable<Data['micromarkExtensions']>[number];
type Construct = Extract<NonNullable<Extension['text']>[string], { tokenize: unknown }>;
type Tokenizer = Construct['tokenize'];
type Context = ThisParameterType<Tokenizer>;
type Effects = Parameters<Tokenizer>[0];
type State = Parameters<Tokenizer>[1];
type Code = Parameters<State>[0];
type TokenType = Parameters<Effects['enter']>[0];

// remark-math's token names, which its mdast handlers turn into inlineMath nodes (micromark-extension-math
// declares them; its types are not loaded here).
const mathText = 'mathText' as string as TokenType;
const mathTextSequence = 'mathTextSequence' as string as TokenType;
const mathTextData = 'mathTextData' as string as TokenType;

const dollar = 36;
const backslash = 92;

/** Whether `code` ends a line (micromark codes line endings below -2). */
function isLineEnding(code: Code): boolean {
  return code !== null && code < -2;
}

/** Whether `code` is a space, a tab or a line ending. */
function isWhitespace(code: Code): boolean {
  return code !== null && (code < 0 || code === 32);
}

/** Whether `code` is an ASCII digit. */
function isDigit(code: Code): boolean {
  return code !== null && code >= 48 && code <= 57;
}

/** The micromark extension: single-dollar formulas in text. */
export const dollarMath: Extension = {
  text: { [dollar]: { name: 'dollarMath', tokenize: tokenizeDollarMath, previous: notAfterDollar } },
};

/** A `$` opens a formula only when it does not continue a run of dollars (an escaped `\$` aside). */
function notAfterDollar(this: Context, code: Code): boolean {
  return code !== dollar || this.events.at(-1)?.[1].type === 'characterEscape';
}

/** Tokenizes `$…$` by GitHub's rules. */
function tokenizeDollarMath(this: Context, effects: Effects, ok: State, nok: State): State {
  // The last character inside the formula: a `$` after a space never closes it.
  let previous: Code = null;
  return start;

  /** At the opening `$`. */
  function start(code: Code): State | undefined {
    effects.enter(mathText);
    effects.enter(mathTextSequence);
    effects.consume(code);
    effects.exit(mathTextSequence);
    return opened;
  }

  /** After the opening `$`: `$$` is remark-math's, and a space means a price or a variable. */
  function opened(code: Code): State | undefined {
    return code === null || code === dollar || isWhitespace(code) ? nok(code) : between(code);
  }

  /** Between pieces of the formula. */
  function between(code: Code): State | undefined {
    if (code === null) return nok(code);
    if (isLineEnding(code)) {
      effects.enter('lineEnding');
      effects.consume(code);
      effects.exit('lineEnding');
      previous = code;
      return between;
    }
    if (code !== dollar) {
      effects.enter(mathTextData);
      return data(code);
    }
    // A `$` after a space neither closes the formula nor belongs to it: there was none (`$5 and $10`).
    if (isWhitespace(previous)) return nok(code);
    effects.enter(mathTextSequence);
    effects.consume(code);
    effects.exit(mathTextSequence);
    return closed;
  }

  /** In the formula's text. */
  function data(code: Code): State | undefined {
    if (code === null || code === dollar || isLineEnding(code)) {
      effects.exit(mathTextData);
      return between(code);
    }
    effects.consume(code);
    previous = code;
    return code === backslash ? escaped : data;
  }

  /** After a backslash, whose next character (`\$`, `\\`) never closes the formula. */
  function escaped(code: Code): State | undefined {
    if (code === null || isLineEnding(code)) return data(code);
    effects.consume(code);
    previous = code;
    return data;
  }

  /** After the closing `$`: a digit there means a price (`$5 to $10`), not a formula. */
  function closed(code: Code): State | undefined {
    if (isDigit(code)) return nok(code);
    effects.exit(mathText);
    return ok(code);
  }
}
