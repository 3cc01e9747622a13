/**
 * AppSync's `queryDepthLimit` as a validation rule: an operation nested deeper than the limit
 * (fragments followed, the operation's own fields at depth 1) is refused before any resolver runs.
 */
import {
  GraphQLError,
  Kind,
  type FragmentDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ASTVisitor,
} from 'graphql';

/**
 * The depth of a selection set. Each fragment's depth is computed once and remembered: spread
 * twice at every level, nested fragments would otherwise cost 2^n (a 1 KB "fragment bomb").
 */
function depthOf(
  selectionSet: SelectionSetNode | undefined,
  fragments: Readonly<Record<string, FragmentDefinitionNode>>,
  fragmentDepths: Map<string, number>,
  visiting: Set<string>,
): number {
  if (selectionSet === undefined) return 0;
  let deepest = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      const below = selection.selectionSet === undefined ? 0 : depthOf(selection.selectionSet, fragments, fragmentDepths, visiting);
      deepest = Math.max(deepest, 1 + below);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      deepest = Math.max(deepest, depthOf(selection.selectionSet, fragments, fragmentDepths, visiting));
    } else {
      const name = selection.name.value;
      const fragment = fragments[name];
      // A fragment cycle is reported by graphql-js's own NoFragmentCyclesRule.
      if (fragment === undefined || visiting.has(name)) continue;
      let depth = fragmentDepths.get(name);
      if (depth === undefined) {
        visiting.add(name);
        depth = depthOf(fragment.selectionSet, fragments, fragmentDepths, visiting);
        visiting.delete(name);
        fragmentDepths.set(name, depth);
      }
      deepest = Math.max(deepest, depth);
    }
  }
  return deepest;
}

/**
 * Creates the rule for one limit.
 *
 * @example
 * validate(schema, document, [...specifiedRules, queryDepthRule(QUERY_DEPTH_LIMIT)]);
 */
export function queryDepthRule(limit: number): (context: ValidationContext) => ASTVisitor {
  return (context) => {
    const fragments: Record<string, FragmentDefinitionNode> = {};
    const fragmentDepths = new Map<string, number>();
    for (const definition of context.getDocument().definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
    }
    return {
      OperationDefinition(node) {
        const depth = depthOf(node.selectionSet, fragments, fragmentDepths, new Set());
        if (depth > limit) {
          context.reportError(new GraphQLError(`Query depth ${depth} exceeds the limit of ${limit}.`, {
            nodes: node,
            extensions: { appSyncMessage: `Query depth limit of ${limit} exceeded, found ${depth}.` },
          }));
        }
      },
    };
  };
}
