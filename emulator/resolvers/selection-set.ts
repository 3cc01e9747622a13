/**
 * `ctx.info.selectionSetList` and `ctx.info.selectionSetGraphQL` as AppSync builds them: the
 * field's sub-selection as slash-separated paths (fragments expanded, aliases ignored) and as
 * GraphQL text.
 */
import { Kind, print, type FragmentDefinitionNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/**
 * Adds the paths under `selectionSet` to `out`. A fragment is expanded once per prefix: spread
 * twice at every level, nested fragments would otherwise cost 2^n.
 */
function collect(
  selectionSet: SelectionSetNode | undefined,
  fragments: Readonly<Record<string, FragmentDefinitionNode>>,
  prefix: string,
  out: Set<string>,
  expanded: Set<string>,
  depth: number,
): void {
  if (selectionSet === undefined || depth > 64) return;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      const path = `${prefix}${selection.name.value}`;
      out.add(path);
      collect(selection.selectionSet, fragments, `${path}/`, out, expanded, depth + 1);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      collect(selection.selectionSet, fragments, prefix, out, expanded, depth + 1);
    } else {
      const key = `${prefix}\u0000${selection.name.value}`;
      if (expanded.has(key)) continue;
      expanded.add(key);
      collect(fragments[selection.name.value]?.selectionSet, fragments, prefix, out, expanded, depth + 1);
    }
  }
}

/** The parts of `ctx.info` that describe the selection. */
export function selectionSetInfo(info: GraphQLResolveInfo): { selectionSetList: string[]; selectionSetGraphQL: string } {
  const list = new Set<string>();
  const expanded = new Set<string>();
  const texts: string[] = [];
  for (const node of info.fieldNodes) {
    collect(node.selectionSet, info.fragments, '', list, expanded, 0);
    if (node.selectionSet !== undefined) texts.push(print(node.selectionSet));
  }
  return { selectionSetList: [...list].filter((path) => path !== '__typename'), selectionSetGraphQL: texts.join('\n') };
}
