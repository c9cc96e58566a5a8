/**
 * GFM drops the cells of a table row beyond the header's column count (a stray pipe is enough):
 * nothing the author wrote may vanish silently, so say so at the row's line.
 */
import type { Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { visit } from './visit.js';
import type { VFile } from 'vfile';

/** The unified plugin. */
export default function remarkTableCells() {
  return (tree: Root, file: VFile): void => {
    visit(tree, 'table', (table) => {
      const columns = table.align?.length ?? table.children[0]?.children.length ?? 0;
      for (const row of table.children) {
        if (row.children.length <= columns) continue;
        const lost = row.children.slice(columns).map((cell) => toString(cell)).join(' | ');
        file.message(`this table row has ${row.children.length} cells but the table has ${columns} columns: "${lost}" is left out`, { place: row.position, ruleId: 'table-cells' });
      }
    });
  };
}
