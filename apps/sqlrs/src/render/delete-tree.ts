// A DeleteResult as an indented tree, blocked nodes marked with their reason.
import type { DeleteNode, DeleteResult } from '@sqlrs/contract';

function nodeLine(node: DeleteNode): string {
  const conns = node.connections === null ? '' : ` connections=${node.connections}`;
  return `${node.kind} ${node.id}${conns}${node.blocked === null ? '' : `  BLOCKED: ${node.blocked}`}`;
}

/** `deleted|would delete|blocked:` then the tree. */
export function deleteTree(result: DeleteResult): string {
  const lines: string[] = [];
  const walk = (node: DeleteNode, depth: number): void => {
    lines.push(`${'  '.repeat(depth + 1)}${nodeLine(node)}`);
    for (const child of node.children) walk(child, depth + 1);
  };
  walk(result.root, 0);
  const head = result.outcome === 'would_delete' ? 'would delete:' : `${result.outcome}:`;
  return [head, ...lines].join('\n');
}
