/**
 * Request errors (syntax, validation, variable coercion) in AppSync's words. AppSync validates
 * with graphql-java, so its messages read `Validation error of type <Kind>: … @ '<field>'` and its
 * entries have `path: null` and no `errorType`; a bad variable reads
 * `Variable '<name>' has an invalid value. Unable to parse … as a valid <Noun>.`
 */
import { Kind, visit, type ASTNode, type DocumentNode, type GraphQLError, type ValueNode } from 'graphql';
import { InvalidScalarValueError } from './appsync-scalars.ts';
import { appSyncLocations, type AppSyncErrorEntry } from './appsync-error.ts';

interface ArgumentSite {
  argument: string;
  field: string;
}

/** Maps every value node inside an argument to that argument and its field. */
function argumentSites(document: DocumentNode | null): Map<ASTNode, ArgumentSite> {
  const sites = new Map<ASTNode, ArgumentSite>();
  if (document === null) return sites;
  const mark = (node: ValueNode, site: ArgumentSite): void => {
    sites.set(node, site);
    if (node.kind === Kind.LIST) node.values.forEach((value) => mark(value, site));
    if (node.kind === Kind.OBJECT) node.fields.forEach((field) => mark(field.value, site));
  };
  visit(document, {
    Field(node) {
      for (const argument of node.arguments ?? []) mark(argument.value, { argument: argument.name.value, field: node.name.value });
    },
  });
  return sites;
}

function describeValue(node: ValueNode): string {
  switch (node.kind) {
    case Kind.STRING:
      return `StringValue{value='${node.value}'}`;
    case Kind.INT:
      return `IntValue{value=${node.value}}`;
    case Kind.FLOAT:
      return `FloatValue{value=${node.value}}`;
    case Kind.BOOLEAN:
      return `BooleanValue{value=${node.value}}`;
    case Kind.ENUM:
      return `EnumValue{name='${node.value}'}`;
    case Kind.NULL:
      return 'NullValue{}';
    case Kind.VARIABLE:
      return `VariableReference{name='${node.name.value}'}`;
    case Kind.LIST:
      return `ArrayValue{values=[${node.values.map(describeValue).join(', ')}]}`;
    case Kind.OBJECT:
      return `ObjectValue{objectFields=[${node.fields.map((field) => `ObjectField{name='${field.name.value}', value=${describeValue(field.value)}}`).join(', ')}]}`;
    default:
      return 'Value';
  }
}

const RULES: ReadonlyArray<[RegExp, (match: RegExpExecArray) => string]> = [
  [/^Cannot query field "(\w+)" on type "(\w+)"\./, (m) => `Validation error of type FieldUndefined: Field '${m[1]}' in type '${m[2]}' is undefined @ '${m[1]}'`],
  [/^Field "(\w+)" argument "(\w+)" of type "[^"]+" is required, but it was not provided\./, (m) => `Validation error of type MissingFieldArgument: Missing field argument ${m[2]} @ '${m[1]}'`],
  [/^Unknown argument "(\w+)" on field "\w+\.(\w+)"\./, (m) => `Validation error of type UnknownArgument: Unknown field argument ${m[1]} @ '${m[2]}'`],
  [/^Field "(\w+)" of type "([^"]+)" must have a selection of subfields/, (m) => `Validation error of type SubSelectionRequired: Sub selection required for type ${m[2]} of field ${m[1]} @ '${m[1]}'`],
  [/^Field "(\w+)" must not have a selection since type "([^"]+)" has no subfields\./, (m) => `Validation error of type SubSelectionNotAllowed: Sub selection not allowed on leaf type ${m[2]} of field ${m[1]} @ '${m[1]}'`],
  [/^Unknown type "(\w+)"/, (m) => `Validation error of type UnknownType: Unknown type ${m[1]}`],
  [/^Variable "\$(\w+)" is never used/, (m) => `Validation error of type UnusedVariable: Unused variable ${m[1]}`],
  [/^Variable "\$(\w+)" is not defined/, (m) => `Validation error of type UndefinedVariable: Undefined variable ${m[1]}`],
  [/^Unknown fragment "(\w+)"/, (m) => `Validation error of type UndefinedFragment: Undefined fragment ${m[1]}`],
  [/^Fragment "(\w+)" is never used/, (m) => `Validation error of type UnusedFragment: Unused fragment ${m[1]}`],
];

function entry(message: string, error: GraphQLError): AppSyncErrorEntry {
  return { path: null, locations: appSyncLocations(error.locations), message };
}

/**
 * Formats a validation error (from `validate`, including the emulator's own rules).
 *
 * @example
 * const errors = validate(schema, document, rules).map((error) => formatValidationError(error, document));
 */
export function formatValidationError(error: GraphQLError, document: DocumentNode | null): AppSyncErrorEntry {
  if (error.extensions?.appSyncMessage !== undefined) return entry(String(error.extensions.appSyncMessage), error);
  const original = error.originalError;
  const node = error.nodes?.[0];
  if (original instanceof InvalidScalarValueError && node !== undefined) {
    const site = argumentSites(document).get(node);
    if (site !== undefined) {
      return entry(
        `Validation error of type WrongType: argument '${site.argument}' with value '${describeValue(node as ValueNode)}' is not a valid '${original.scalar}' @ '${site.field}'`,
        error,
      );
    }
  }
  const literal = /^Expected value of type "([^"]+)", found (.+?)(?:;.*)?$/.exec(error.message);
  if (literal !== null && node !== undefined) {
    const site = argumentSites(document).get(node);
    if (site !== undefined) {
      return entry(
        `Validation error of type WrongType: argument '${site.argument}' with value '${describeValue(node as ValueNode)}' is not a valid '${literal[1]}' @ '${site.field}'`,
        error,
      );
    }
  }
  for (const [pattern, render] of RULES) {
    const match = pattern.exec(error.message);
    if (match !== null) return entry(render(match), error);
  }
  return entry(`Validation error: ${error.message}`, error);
}

/**
 * Formats an error of variable coercion (`Variable "$x" got invalid value …`) as AppSync does.
 */
export function formatVariableError(error: GraphQLError): AppSyncErrorEntry {
  const name = /^Variable "\$(\w+)"/.exec(error.message)?.[1] ?? 'input';
  // graphql-js wraps the scalar's error once per layer of coercion: find it.
  let original: unknown = error.originalError;
  for (let depth = 0; depth < 5 && original instanceof Error && !(original instanceof InvalidScalarValueError); depth += 1) {
    original = (original as { originalError?: unknown }).originalError;
  }
  if (original instanceof InvalidScalarValueError) {
    return entry(`Variable '${name}' has an invalid value. ${original.message}`, error);
  }
  const reason = error.message.replace(/^Variable "\$\w+" (?:got invalid value [^;]*; )?/, '');
  return entry(`Variable '${name}' has an invalid value. ${reason}`, error);
}

/** Formats a syntax error as AppSync does (`Invalid Syntax : …`). */
export function formatSyntaxError(error: GraphQLError): AppSyncErrorEntry {
  const reason = error.message.replace(/^Syntax Error: /, '');
  const location = error.locations?.[0];
  const at = location === undefined ? '' : ` at line ${location.line} column ${location.column}`;
  return { path: null, locations: appSyncLocations(error.locations), message: `Invalid Syntax : ${reason}${at}` };
}
