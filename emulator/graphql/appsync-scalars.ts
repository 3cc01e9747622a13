/**
 * AppSync's scalars with AppSync's validation. A bad value in a variable or literal argument is
 * refused before execution; a bad value returned by a resolver is a field error.
 *
 * The formats follow AppSync's scalar reference: extended ISO 8601 dates and times (an offset may
 * carry seconds; `AWSDateTime` needs an offset, `AWSDate`/`AWSTime` may have one), `AWSTimestamp`
 * as whole epoch seconds, `AWSJSON` as a string holding valid JSON, `AWSURL` with a scheme,
 * `AWSPhone` as digits with optional `+`, spaces and hyphens, `AWSIPAddress` IPv4/IPv6 with an
 * optional CIDR prefix, `AWSEmail` as `local@domain`.
 */
import { isIP } from 'node:net';
import { Kind, type ValueNode } from 'graphql';

/** How one scalar checks and converts its values. */
export interface ScalarRules {
  /** AppSync's noun for the scalar in its messages, e.g. `Email` in "as a valid Email". */
  readonly noun: string;
  /** Whether an input value is valid. */
  readonly accepts: (value: unknown) => boolean;
  /** Converts a valid input value to what resolvers see in `ctx.args`. */
  readonly toInternal?: (value: unknown) => unknown;
  /** Converts a resolver value to the response value, or `undefined` when it is invalid. */
  readonly toResponse?: (value: unknown) => unknown;
}

const OFFSET = '(?:Z|[+-]\\d{2}:\\d{2}(?::\\d{2})?)';
const TIME = '\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d{1,9})?)?';
const DATE = '\\d{4,}-\\d{2}-\\d{2}';
const DATE_PATTERN = new RegExp(`^[+-]?${DATE}${OFFSET}?$`);
const TIME_PATTERN = new RegExp(`^${TIME}${OFFSET}?$`);
const DATE_TIME_PATTERN = new RegExp(`^[+-]?${DATE}T${TIME}${OFFSET}$`);
const EMAIL_PATTERN = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
const PHONE_PATTERN = /^\+?[0-9](?:[0-9 -]*[0-9])?$/;
const URL_PATTERN = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^\s]+$/;

function isString(value: unknown): value is string {
  return typeof value === 'string';
}

function validCalendar(text: string): boolean {
  const match = /^[+-]?(\d{4,})-(\d{2})-(\d{2})/.exec(text);
  if (match === null) return false;
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  const daysInMonth = new Date(Date.UTC(Number(match[1]), month, 0)).getUTCDate();
  return day <= daysInMonth;
}

function validClock(text: string): boolean {
  const match = /(?:^|T)(\d{2}):(\d{2})(?::(\d{2}))?/.exec(text);
  if (match === null) return false;
  return Number(match[1]) < 24 && Number(match[2]) < 60 && (match[3] === undefined || Number(match[3]) < 60);
}

function validIpAddress(value: unknown): boolean {
  if (!isString(value)) return false;
  const [address, prefix, ...rest] = value.split('/');
  if (rest.length > 0 || address === undefined) return false;
  const version = isIP(address);
  if (version === 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (version === 4 ? 32 : 128);
}

function validJson(value: unknown): boolean {
  if (!isString(value)) return false;
  try {
    JSON.parse(value);
    return true;
  } catch {
    return false;
  }
}

/** The rules of every AppSync scalar, by name. */
export const APPSYNC_SCALAR_RULES: Readonly<Record<string, ScalarRules>> = {
  AWSEmail: { noun: 'Email', accepts: (value) => isString(value) && value.length <= 320 && EMAIL_PATTERN.test(value) },
  AWSDate: { noun: 'Date', accepts: (value) => isString(value) && DATE_PATTERN.test(value) && validCalendar(value) },
  AWSTime: { noun: 'Time', accepts: (value) => isString(value) && TIME_PATTERN.test(value) && validClock(value) },
  AWSDateTime: {
    noun: 'DateTime',
    accepts: (value) => isString(value) && DATE_TIME_PATTERN.test(value) && validCalendar(value) && validClock(value),
  },
  AWSTimestamp: {
    noun: 'Timestamp',
    accepts: (value) => typeof value === 'number' && Number.isSafeInteger(value),
  },
  AWSJSON: {
    noun: 'JSON',
    accepts: validJson,
    // Resolvers receive AWSJSON arguments parsed, and may return any JSON value for one.
    toInternal: (value) => JSON.parse(value as string),
    toResponse: (value) => (isString(value) ? value : JSON.stringify(value ?? null)),
  },
  AWSURL: { noun: 'URL', accepts: (value) => isString(value) && URL_PATTERN.test(value) && canParseUrl(value) },
  AWSPhone: { noun: 'phone number', accepts: (value) => isString(value) && PHONE_PATTERN.test(value) && digitCount(value) >= 4 },
  AWSIPAddress: { noun: 'IP address', accepts: validIpAddress },
};

function canParseUrl(value: string): boolean {
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
}

function digitCount(value: string): number {
  return value.replace(/[^0-9]/g, '').length;
}

/**
 * Raised by a scalar for an invalid value; carries AppSync's wording. A plain `Error`, so that
 * graphql-js wraps it with the location and variable it came from.
 */
export class InvalidScalarValueError extends Error {
  override readonly name = 'InvalidScalarValueError';
  readonly scalar: string;
  readonly value: unknown;

  constructor(scalar: string, value: unknown, verb: 'parse' | 'serialize') {
    const rules = APPSYNC_SCALAR_RULES[scalar];
    super(`Unable to ${verb} \`${String(value)}\` as a valid ${rules?.noun ?? scalar}.`);
    this.scalar = scalar;
    this.value = value;
  }
}

function literalValue(node: ValueNode): unknown {
  if (node.kind === Kind.STRING) return node.value;
  if (node.kind === Kind.INT) return Number(node.value);
  if (node.kind === Kind.FLOAT) return Number(node.value);
  if (node.kind === Kind.BOOLEAN) return node.value;
  return undefined;
}

/**
 * The `serialize`, `parseValue` and `parseLiteral` functions of one AppSync scalar.
 *
 * @example
 * Object.assign(schema.getType('AWSEmail'), scalarFunctions('AWSEmail'));
 */
export function scalarFunctions(name: string) {
  const rules = APPSYNC_SCALAR_RULES[name];
  if (rules === undefined) throw new Error(`${name} is not an AppSync scalar`);
  const toInternal = rules.toInternal ?? ((value: unknown) => value);
  return {
    serialize(value: unknown): unknown {
      const response = rules.toResponse === undefined ? value : rules.toResponse(value);
      if (rules.toResponse === undefined && !rules.accepts(value)) throw new InvalidScalarValueError(name, value, 'serialize');
      return response;
    },
    parseValue(value: unknown): unknown {
      if (!rules.accepts(value)) throw new InvalidScalarValueError(name, value, 'parse');
      return toInternal(value);
    },
    parseLiteral(node: ValueNode): unknown {
      const value = literalValue(node);
      if (!rules.accepts(value)) throw new InvalidScalarValueError(name, value ?? node.kind, 'parse');
      return toInternal(value);
    },
  };
}
