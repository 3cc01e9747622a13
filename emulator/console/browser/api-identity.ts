/**
 * The caller as the API sees it: `Query.me` asked with the chosen token, once per token, so the
 * panel shows the identity the authorizer built (user or machine, its app client, its scopes)
 * rather than a guess from the claims.
 */
import { isObjectType, type GraphQLSchema } from 'graphql';
import { createElement as h, useEffect, useState } from 'react';

/** The `Identity` fields shown, in this order, when the schema has them. */
const SHOWN_FIELDS = ['kind', 'clientId', 'scopes'] as const;
const LABELS: Readonly<Record<string, string>> = { kind: '', clientId: 'app client ', scopes: 'scopes ' };

/** Where asking stands. */
export type ApiIdentityState =
  | { readonly status: 'none' }
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly identity: Readonly<Record<string, unknown>> }
  | { readonly status: 'failed'; readonly message: string };

/**
 * The `me` query selecting the shown fields the schema's `Identity` has, or `null` without any.
 *
 * @example
 * identityQuery(schema); // 'query ConsoleIdentity { me { kind clientId scopes } }'
 */
export function identityQuery(schema: GraphQLSchema): string | null {
  const type = schema.getType('Identity');
  if (!isObjectType(type)) return null;
  const fields = SHOWN_FIELDS.filter((name) => name in type.getFields());
  return fields.length === 0 ? null : `query ConsoleIdentity { me { ${fields.join(' ')} } }`;
}

/**
 * Asks `me` with `token` once the authorizer has accepted it (a refused token would only get
 * the 401 the decision already shows).
 *
 * @example
 * const identity = useApiIdentity('/graphql', query, token, decision.status === 'ready' && decision.decision.isAuthorized);
 */
export function useApiIdentity(endpoint: string, query: string | null, token: string | null, accepted: boolean): ApiIdentityState {
  const [answer, setAnswer] = useState<{ readonly token: string; readonly state: ApiIdentityState } | null>(null);
  useEffect(() => {
    if (token === null || query === null || !accepted) return undefined;
    let current = true;
    const settle = (state: ApiIdentityState) => current && setAnswer({ token, state });
    fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json', authorization: token }, body: JSON.stringify({ query }) })
      .then(async (response) => {
        const body = (await response.json()) as { data?: { me?: Record<string, unknown> | null } | null; errors?: Array<{ message?: string }> };
        const me = body.data?.me;
        if (me === null || me === undefined) settle({ status: 'failed', message: body.errors?.[0]?.message ?? `HTTP ${response.status}` });
        else settle({ status: 'ready', identity: me });
      })
      .catch((error: unknown) => settle({ status: 'failed', message: error instanceof Error ? error.message : String(error) }));
    return () => {
      current = false;
    };
  }, [endpoint, query, token, accepted]);
  if (token === null || query === null) return { status: 'none' };
  return answer !== null && answer.token === token ? answer.state : { status: 'loading' };
}

function valueText(value: unknown): string {
  if (Array.isArray(value)) return value.length === 0 ? 'none' : value.join(' ');
  return value === null || value === undefined ? '–' : String(value);
}

/** The identity line. */
export function ApiIdentityView(props: { readonly state: ApiIdentityState }) {
  const { state } = props;
  if (state.status === 'none') return null;
  let body;
  if (state.status === 'loading') body = ['asking…'];
  else if (state.status === 'failed') body = [`could not ask: ${state.message}`];
  else {
    body = Object.entries(state.identity).flatMap(([name, value], index) => [
      index === 0 ? '' : ' · ',
      LABELS[name] ?? `${name} `,
      h('strong', { key: name, 'data-field': name }, valueText(value)),
    ]);
  }
  return h('p', { className: 'hd-api-identity', 'data-testid': 'api-identity', 'data-status': state.status }, 'As the API sees it (Query.me): ', ...body);
}
