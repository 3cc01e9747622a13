import type { EarlyReturnSkipTo, HandlerStopKind } from './contract.ts';

/**
 * The brand `isHandlerStop` checks. A property rather than `instanceof`, because the sandbox
 * may inspect a stop from outside the realm that created it, where `instanceof` is always false.
 */
const BRAND = '__appsyncHandlerStop';

/**
 * What `util.error`, `util.unauthorized` and `runtime.earlyReturn` throw to end the handler.
 * Deliberately not an `Error`: it is control flow, so it carries no stack trace (which would
 * cost time on every early return and could leak file paths into logs).
 *
 * @example
 * ```ts
 * try {
 *   handler(ctx);
 * } catch (stop) {
 *   if (isHandlerStop(stop) && stop.kind === 'earlyReturn') return stop.value;
 * }
 * ```
 */
export class HandlerStop {
  readonly [BRAND] = true;
  /** `error` for `util.error` / `util.unauthorized`, `earlyReturn` for `runtime.earlyReturn`. */
  readonly kind: HandlerStopKind;
  /** The error message (`''` for an early return). */
  readonly message: string;
  /** The error type given to `util.error`, `Unauthorized` for `util.unauthorized`. */
  readonly errorType: string | undefined;
  /** The `data` argument of `util.error`. */
  readonly data: unknown;
  /** The `errorInfo` argument of `util.error`. */
  readonly errorInfo: unknown;
  /** The value given to `runtime.earlyReturn` (becomes the handler's result). */
  readonly value: unknown;
  /** The `skipTo` option of `runtime.earlyReturn`; `null` when none was given. */
  readonly skipTo: EarlyReturnSkipTo;
  /**
   * True when the stop came from `util.unauthorized()`. AppSync words that error, in a GraphQL
   * response, `Not Authorized to access <field> on type <Type>` (it knows the field; the runtime
   * does not), whereas `util.error('…', 'Unauthorized')` keeps its own message: this flag lets
   * the emulator tell the two apart.
   */
  readonly isUnauthorized: boolean;

  private constructor(fields: {
    kind: HandlerStopKind;
    message: string;
    errorType: string | undefined;
    data: unknown;
    errorInfo: unknown;
    value: unknown;
    skipTo: EarlyReturnSkipTo;
    isUnauthorized?: boolean;
  }) {
    this.kind = fields.kind;
    this.message = fields.message;
    this.errorType = fields.errorType;
    this.data = fields.data;
    this.errorInfo = fields.errorInfo;
    this.value = fields.value;
    this.skipTo = fields.skipTo;
    this.isUnauthorized = fields.isUnauthorized === true;
  }

  /**
   * A field error, as `util.error(message, errorType, data, errorInfo)` raises it.
   *
   * @example
   * ```ts
   * throw HandlerStop.error('Title too long', 'ValidationError');
   * ```
   */
  static error(message: string, errorType?: string, data?: unknown, errorInfo?: unknown): HandlerStop {
    return new HandlerStop({
      kind: 'error',
      message,
      errorType,
      data,
      errorInfo,
      value: undefined,
      skipTo: null,
    });
  }

  /**
   * The stop `util.unauthorized()` raises: error type and message `Unauthorized`.
   *
   * @example
   * ```ts
   * throw HandlerStop.unauthorized();
   * ```
   */
  static unauthorized(): HandlerStop {
    return new HandlerStop({
      kind: 'error',
      message: 'Unauthorized',
      errorType: 'Unauthorized',
      data: undefined,
      errorInfo: undefined,
      value: undefined,
      skipTo: null,
      isUnauthorized: true,
    });
  }

  /**
   * An early return, as `runtime.earlyReturn(value, { skipTo })` raises it.
   *
   * @example
   * ```ts
   * throw HandlerStop.earlyReturn({ id: '1' }, 'END');
   * ```
   */
  static earlyReturn(value: unknown, skipTo: EarlyReturnSkipTo): HandlerStop {
    return new HandlerStop({
      kind: 'earlyReturn',
      message: '',
      errorType: undefined,
      data: undefined,
      errorInfo: undefined,
      value,
      skipTo,
    });
  }
}

/**
 * Whether `x` is a `HandlerStop` thrown by the runtime, from this realm or another one.
 *
 * @example
 * ```ts
 * if (isHandlerStop(caught) && caught.kind === 'error') reportFieldError(caught.message);
 * ```
 */
export function isHandlerStop(x: unknown): x is HandlerStop {
  if (x === null || typeof x !== 'object') return false;
  const candidate = x as Record<string, unknown>;
  return candidate[BRAND] === true && (candidate['kind'] === 'error' || candidate['kind'] === 'earlyReturn');
}
