/**
 * AppSync's attribute-name placeholders, as its DynamoDB module writes them: one `#expName_N`
 * per distinct attribute name, numbered from 1 in the order the names are first used.
 */

/** Placeholders handed out so far, and the `expressionNames` they make. */
export interface ExpressionNames {
  /** The placeholder of `attributeName`, the same one every time it is asked for. */
  alias(attributeName: string): string;
  /** `{ '#expName_1': 'title', … }` for every placeholder handed out. */
  toExpressionNames(): Record<string, string>;
}

/**
 * Creates an empty set of placeholders.
 *
 * @example
 * const names = createExpressionNames();
 * names.alias('title'); // '#expName_1'
 */
export function createExpressionNames(): ExpressionNames {
  const aliases = new Map<string, string>();
  return {
    alias(attributeName) {
      let name = aliases.get(attributeName);
      if (name === undefined) {
        name = `#expName_${aliases.size + 1}`;
        aliases.set(attributeName, name);
      }
      return name;
    },
    toExpressionNames() {
      const expressionNames: Record<string, string> = {};
      for (const [attributeName, name] of aliases) expressionNames[name] = attributeName;
      return expressionNames;
    },
  };
}
