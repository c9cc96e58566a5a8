/**
 * The small icons of GitHub's alerts, drawn as inline SVG outlines in the text's colour: vector
 * in print and on e-ink, no file to package, and a different shape for each kind (a circle, a
 * bulb, a speech bubble, a triangle, an octagon), so that the kinds stay apart in grayscale.
 */
import type { Element } from 'hast';
import { s } from 'hastscript';

/** The kinds of alert GitHub knows, in its order. */
export const alertKinds = ['note', 'tip', 'important', 'warning', 'caution'] as const;
export type AlertKind = (typeof alertKinds)[number];

// Each icon: its outline, its stroke (the upright of a "!" or an "i") and where its dot sits, on a 16×16 grid.
const shapes: Record<AlertKind, { outline: string; stroke: string; dot?: [number, number] }> = {
  note: { outline: 'M8 1.75a6.25 6.25 0 1 1 0 12.5a6.25 6.25 0 1 1 0-12.5z', stroke: 'M8 7.25v4', dot: [8, 4.9] },
  tip: { outline: 'M5.75 11.25c0-1.6-2.5-2.6-2.5-5.25a4.75 4.75 0 0 1 9.5 0c0 2.65-2.5 3.65-2.5 5.25z', stroke: 'M6.25 13.75h3.5' },
  important: { outline: 'M2 2.25h12v8.5H8.25l-3.5 3.25v-3.25H2z', stroke: 'M8 4.5v3.25', dot: [8, 9.1] },
  warning: { outline: 'M8 1.75l6.75 12H1.25z', stroke: 'M8 6v3.5', dot: [8, 11.6] },
  caution: { outline: 'M5.3 1.5h5.4l3.8 3.8v5.4l-3.8 3.8H5.3l-3.8-3.8V5.3z', stroke: 'M8 4.5v4.25', dot: [8, 11] },
};

/** The icon of one kind of alert, hidden from screen readers: the title next to it says the same. */
export function alertIcon(kind: AlertKind): Element {
  const { outline, stroke, dot } = shapes[kind];
  return s(
    'svg',
    {
      className: ['alert-icon'],
      viewBox: '0 0 16 16',
      width: 16,
      height: 16,
      ariaHidden: 'true',
      fill: 'none',
      stroke: 'currentColor',
      strokeWidth: 1.5,
      strokeLinecap: 'round',
      strokeLinejoin: 'round',
    },
    [s('path', { d: outline }), s('path', { d: stroke }), ...(dot ? [s('circle', { cx: dot[0], cy: dot[1], r: 0.95, fill: 'currentColor', stroke: 'none' })] : [])],
  );
}
