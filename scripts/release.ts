/**
 * The release gate (`build --release`): what a normal build builds around with a warning, but a
 * published book must not have. Each problem is found where it always is, as a warning with one of
 * these rule ids; under `--release` those warnings are errors, so nothing is written. Fonts the
 * PDF would not embed need no entry: they stop every build (outputs/pdf/font-check.ts,
 * `unprintable-font`).
 */

/** The rule ids of the warnings that block a release. */
export const releaseBlockers: ReadonlySet<string> = new Set([
  // A remote image that could not be downloaded, a missing or unreadable file: a placeholder would ship.
  'image-missing',
  // A link to a missing chapter, file or heading: the words would ship without their link.
  'broken-link',
  // An <img> without alt: readers would get an image with nothing to announce.
  'image-alt',
  // Neither identifier nor isbn: the book would ship under a made-up identifier.
  'missing-identifier',
]);

/** What an escalated warning says after its reason. */
export const releaseNote = 'this blocks a release (--release)';
