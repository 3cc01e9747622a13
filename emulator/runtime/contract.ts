/**
 * The contract between the APPSYNC_JS runtime modules (`emulator/runtime/`) and the sandbox
 * that runs resolver code (`emulator/sandbox/`). The runtime is evaluated *inside* the sandbox's
 * realm, so it must be plain JavaScript: no `node:` imports, no Buffer, no host objects. What it
 * needs from the host comes through `HostCapabilities`, whose functions take and return
 * primitives only and never throw (a host function or host error reachable from resolver code
 * would hand out the host's `Function` constructor).
 */

/** Primitive-only services the host lends the runtime. */
export interface HostCapabilities {
  /** `count` cryptographically random bytes as lowercase hex. */
  randomHex(count: number): string;
}

/** What one evaluation of one handler records besides its return value. */
export interface EvaluationSession {
  /** Errors recorded by `util.appendError`, in AppSync's `outErrors` shape. */
  readonly outErrors: Array<{ message: string; errorType?: string; data?: unknown; errorInfo?: unknown }>;
  /** Calls made to `extensions.*`, recorded for the emulator to apply. */
  readonly extensions: Array<{ name: string; args: unknown[] }>;
  /** What `util.authType()` returns, e.g. `"Lambda Authorization"`. */
  authType: string;
}

/** The modules a resolver may import, keyed by import specifier. */
export interface AppSyncModules {
  readonly '@aws-appsync/utils': Readonly<Record<string, unknown>>;
  readonly '@aws-appsync/utils/dynamodb': Readonly<Record<string, unknown>>;
}
