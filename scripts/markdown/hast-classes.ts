/** Small helpers for the class lists of HTML elements, shared by the HTML passes. */
import type { Element } from 'hast';

/** An element's classes as a list. */
export function classList(el: Element): string[] {
  const c = el.properties.className;
  return Array.isArray(c) ? c.map(String) : c ? [String(c)] : [];
}

/** Adds a class to an element, keeping the ones it has. */
export function addClass(el: Element, name: string): void {
  el.properties.className = [...classList(el), name];
}

/** Whether an element has a class. */
export function hasClass(el: Element, name: string): boolean {
  return classList(el).includes(name);
}
