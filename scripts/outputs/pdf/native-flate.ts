/**
 * pdf-lib compresses what it writes (the object streams and cross-reference stream of every save,
 * the content streams it builds, the fonts and images it embeds) with pako, zlib ported to
 * JavaScript, and has no option to use another compressor: on the 500-page bench book that was
 * 1.25 s of a 1.64 s save (CPU profile). Node's own zlib makes the same kind of Flate stream, at
 * the same default level, in a fifth of the time. This module swaps it in at the only two places
 * pdf-lib calls pako, on the classes `import 'pdf-lib'` hands out, so the patched module is
 * whichever build of pdf-lib the rest of the code loads (Node resolves the package's CommonJS
 * build, from tsx and from the CLI's bundle alike, where pdf-lib stays external). Decoded
 * contents are unchanged; the compressed bytes differ from pako's.
 */
import { deflateSync } from 'node:zlib';
import { PDFContext, PDFFlateStream, typedArrayFor, type PDFRawStream } from 'pdf-lib';

/** What a PDFFlateStream holds beyond its public types: whether it compresses its contents. */
interface FlateStreamInternals {
  encode: boolean;
  getUnencodedContents(): Uint8Array;
}

/** The stream contents as pdf-lib computes them, compressed by Node's zlib instead of pako. */
function computeNatively(stream: FlateStreamInternals): Uint8Array {
  const contents = stream.getUnencodedContents();
  return stream.encode ? deflateSync(contents) : contents;
}

let installed = false;

/** Makes pdf-lib compress with Node's zlib from now on (once per process; later calls do nothing). */
export function useNativeFlate(): void {
  if (installed) return;
  installed = true;
  // pdf-lib's PDFFlateStream constructor assigns a pako closure to `computeContents`, then hands
  // `this.computeContents` to the stream's cache (which a growing cross-reference stream
  // invalidates). An accessor on the prototype catches that assignment: the cache is filled by the
  // native version, and pdf-lib's own caching and invalidation stay as they are.
  Object.defineProperty(PDFFlateStream.prototype, 'computeContents', {
    configurable: true,
    set() {},
    get(this: FlateStreamInternals) {
      return () => computeNatively(this);
    },
  });
  // The helper the embedders (fonts, images, embedded pages) build their streams with.
  PDFContext.prototype.flateStream = function flateStream(this: PDFContext, contents: string | Uint8Array, dict = {}): PDFRawStream {
    return this.stream(deflateSync(typedArrayFor(contents)), { ...dict, Filter: 'FlateDecode' });
  };
}
