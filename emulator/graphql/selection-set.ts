/**
 * `ctx.info.selectionSetList` and `ctx.info.selectionSetGraphQL` as AppSync builds them: the
 * field's sub-selection as slash-separated paths (fragments expanded, aliases ignored) and as
 * GraphQL text.
 */
import { Kind, print, type FragmentDefinitionNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

function collect(
  selectionSet: SelectionSetNode | undefined,
  fragments: Readonly<Record<string, FragmentDefinitionNode>>,
  prefix: string,
  out: string[],
  depth: number,
): void {
  if (selectionSet === undefined || depth > 64) return;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      const path = `${prefix}${selection.name.value}`;
      if (!out.includes(path)) out.push(path);
      collect(selection.selectionSet, fragments, `${path}/`, out, depth + 1);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      collect(selection.selectionSet, fragments, prefix, out, depth + 1);
    } else {
      collect(fragments[selection.name.value]?.selectionSet, fragments, prefix, out, depth + 1);
    }
  }
}

/** The parts of `ctx.info` that describe the selection. */
export function selectionSetInfo(info: GraphQLResolveInfo): { selectionSetList: string[]; selectionSetGraphQL: string } {
  const list: string[] = [];
  const texts: string[] = [];
  for (const node of info.fieldNodes) {
    collect(node.selectionSet, info.fragments, '', list, 0);
    if (node.selectionSet !== undefined) texts.push(print(node.selectionSet));
  }
  return { selectionSetList: list.filter((path) => path !== '__typename'), selectionSetGraphQL: texts.join('\n') };
}
