/**
 * unist-util-visit's `visit`, same calls and same order, without its cost per node: for every
 * node it visits, the package names a new function after the node (for stack traces) and looks
 * the node's index up again with `indexOf`, which made its walks about half of parsing a chapter.
 * Here the index is the one the walk is at, and a visitor may return what it may return there
 * (SKIP, EXIT, CONTINUE, the index to go on at, or a tuple of those).
 */
import type { Node, Parent } from 'unist';
import { CONTINUE, EXIT, SKIP, type BuildVisitor, type Test, type VisitorResult } from 'unist-util-visit';

export { CONTINUE, EXIT, SKIP };

/** What a visitor said: go on, skip the children, or stop; and where to go on among the siblings. */
type Said = readonly [action?: boolean | 'skip', index?: number];

/** Nothing said: go on with the children, then the next sibling. */
const nothing: Said = [];

/** Visits the nodes of `tree` that pass `check` (all of them without one), in preorder, or reverse preorder with `reverse`. */
export function visit<Tree extends Node, Check extends Test>(tree: Tree, check: Check, visitor: BuildVisitor<Tree, Check>, reverse?: boolean): undefined;
/** Visits every node of `tree`, in preorder, or reverse preorder with `reverse`. */
export function visit<Tree extends Node>(tree: Tree, visitor: BuildVisitor<Tree>, reverse?: boolean): undefined;
/** Does the work of both overloads. */
export function visit(tree: Node, checkOrVisitor: unknown, visitorOrReverse?: unknown, maybeReverse?: boolean): undefined {
  const given = typeof visitorOrReverse === 'function';
  const check = given ? (checkOrVisitor as Test) : undefined;
  const visitor = (given ? visitorOrReverse : checkOrVisitor) as (node: Node, index: number | undefined, parent: Parent | undefined) => VisitorResult;
  const reverse = given ? maybeReverse : (visitorOrReverse as boolean | undefined);
  const is = passes(check);
  const step = reverse ? -1 : 1;

  /** Visits `node` (at `index` of `parent`) and then its children; returns what its visitor said. */
  const one = (node: Node, index: number | undefined, parent: Parent | undefined): Said => {
    const said = check === undefined || is(node, index, parent) ? toSaid(visitor(node, index, parent)) : nothing;
    if (said[0] === EXIT) return said;
    const children = (node as Partial<Parent>).children;
    if (children && said[0] !== SKIP) {
      // As the package does: the children are read after the visitor ran, which may have changed them.
      let offset = reverse ? children.length - 1 : 0;
      while (offset > -1 && offset < children.length) {
        const childSaid = one(children[offset] as Node, offset, node as Parent);
        if (childSaid[0] === EXIT) return childSaid;
        offset = typeof childSaid[1] === 'number' ? childSaid[1] : offset + step;
      }
    }
    return said;
  };
  one(tree, undefined, undefined);
  return undefined;
}

/** Whether a node passes a test: a type name, a function, an object of fields, or a list of tests (unist-util-is). */
function passes(check: Test): (node: Node, index: number | undefined, parent: Parent | undefined) => boolean {
  if (check === undefined || check === null) return () => true;
  if (typeof check === 'string') return (node) => node.type === check;
  if (typeof check === 'function') return (node, index, parent) => Boolean(check(node, index, parent));
  if (Array.isArray(check)) {
    const tests = check.map((one) => passes(one as Test));
    return (node, index, parent) => tests.some((test) => test(node, index, parent));
  }
  const fields = Object.entries(check);
  return (node) => fields.every(([key, value]) => (node as unknown as Record<string, unknown>)[key] === value);
}

/** A visitor's result as a tuple, as unist-util-visit-parents reads it. */
function toSaid(value: VisitorResult): Said {
  if (Array.isArray(value)) return value as Said;
  if (typeof value === 'number') return [CONTINUE, value];
  return value === null || value === undefined ? nothing : [value as boolean | 'skip'];
}
