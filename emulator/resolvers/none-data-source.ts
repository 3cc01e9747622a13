/**
 * AppSync's `NONE` data source: no call is made; the request handler's `payload` becomes
 * `ctx.result` of the response handler (`null` when the request has none).
 */
import type { ResolverDataSource } from './data-source.ts';

/**
 * The `NONE` data source.
 *
 * @example
 * await NONE_DATA_SOURCE.invoke({ payload: { sub: 's' } }); // { result: { sub: 's' }, error: null }
 */
export const NONE_DATA_SOURCE: ResolverDataSource = {
  async invoke(request) {
    const payload = request !== null && typeof request === 'object' && Object.hasOwn(request, 'payload') ? (request as { payload: unknown }).payload : null;
    return { result: payload ?? null, error: null };
  },
};
