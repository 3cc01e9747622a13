/**
 * The authorizer's decision for the chosen token: which root fields it may call, the full
 * `deniedFields` list, and which fields of the operation in the editor it would null out.
 */
import { createElement as h } from 'react';
import type { ConsoleDecision } from '../contract.ts';
import type { RootFields } from './operation-fields.ts';

/** Where fetching the decision stands. */
export type DecisionState =
  | { readonly status: 'none' }
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly decision: ConsoleDecision }
  | { readonly status: 'failed'; readonly message: string };

/** Props of {@link DecisionView}. */
export interface DecisionViewProps {
  readonly state: DecisionState;
  readonly roots: readonly RootFields[];
  /** The fields the operation in the editor selects, or `null` when it does not parse. */
  readonly touched: ReadonlySet<string> | null;
  /** Which token the decision is for, or `null` when signed out. */
  readonly tokenUse: 'id' | 'access' | null;
}

function OperationCheck(props: { readonly denied: ReadonlySet<string>; readonly touched: ReadonlySet<string> | null }) {
  if (props.touched === null) return h('p', { className: 'hd-muted', 'data-testid': 'operation-check' }, 'The operation in the editor does not parse yet.');
  const hits = [...props.touched].filter((field) => props.denied.has(field));
  if (hits.length === 0) {
    return h('p', { className: 'hd-note hd-ok', 'data-testid': 'operation-check' }, 'The operation in the editor touches no denied field.');
  }
  return h(
    'p',
    { className: 'hd-note hd-warning', 'data-testid': 'operation-check' },
    'The operation in the editor touches denied ',
    hits.length === 1 ? 'field ' : 'fields ',
    ...hits.flatMap((field, index) => [index > 0 ? ', ' : '', h('code', { key: field }, field)]),
    ': each comes back null with an Unauthorized error (and a non-null one nulls its parent).',
  );
}

/** The decision section. */
export function DecisionView(props: DecisionViewProps) {
  const { state } = props;
  let body;
  if (state.status === 'none') body = h('p', { className: 'hd-muted' }, 'Sign in to see what this identity may touch.');
  else if (state.status === 'loading') body = h('p', { className: 'hd-muted' }, 'Asking the authorizer…');
  else if (state.status === 'failed') body = h('p', { className: 'hd-note hd-error' }, `Could not get the decision: ${state.message}`);
  else if (!state.decision.isAuthorized) {
    body = h(
      'p',
      { className: 'hd-note hd-error', 'data-testid': 'decision-refused' },
      'Refused: the authorizer answered isAuthorized: false, so every request with this token gets HTTP 401.',
    );
  } else {
    const decision = state.decision;
    const denied = new Set(decision.deniedFields);
    body = h(
      'div',
      null,
      h(
        'p',
        { className: 'hd-muted' },
        `Authorized. AppSync caches this answer per token${decision.ttlOverride === null ? '' : ` for ${decision.ttlOverride} s (ttlOverride)`} and applies it to every operation.`,
      ),
      ...props.roots.map((root) =>
        h(
          'div',
          { key: root.type, className: 'hd-roots' },
          h('span', { className: 'hd-root-type' }, root.type),
          h(
            'ul',
            { 'aria-label': `${root.type} fields` },
            ...root.fields.map((field) => {
              const isDenied = denied.has(`${root.type}.${field}`);
              return h(
                'li',
                { key: field, className: isDenied ? 'hd-chip hd-denied' : 'hd-chip hd-allowed', title: isDenied ? 'denied for this token' : 'allowed for this token' },
                h('span', { 'aria-hidden': true }, isDenied ? '✕ ' : '✓ '),
                field,
                h('span', { className: 'hd-sr-only' }, isDenied ? ' (denied)' : ' (allowed)'),
              );
            }),
          ),
        ),
      ),
      h('h3', null, `deniedFields (${decision.deniedFields.length})`),
      decision.deniedFields.length === 0
        ? h('p', { className: 'hd-muted', 'data-testid': 'denied-fields' }, 'None: every field is open to this token.')
        : h('ul', { className: 'hd-denied-list', 'data-testid': 'denied-fields' }, ...decision.deniedFields.map((field) => h('li', { key: field }, h('code', null, field)))),
      h(OperationCheck, { denied, touched: props.touched }),
      decision.resolverContextKeys.length === 0
        ? null
        : h('p', { className: 'hd-muted' }, `Resolvers get ctx.identity.resolverContext with: ${decision.resolverContextKeys.join(', ')}.`),
    );
  }
  const title = props.tokenUse === null ? "Authorizer's decision" : `Authorizer's decision for the ${props.tokenUse === 'id' ? 'ID' : 'access'} token`;
  return h(
    'section',
    {
      className: 'hd-section',
      'aria-labelledby': 'hd-decision-title',
      'data-testid': 'decision',
      'data-decision-for': state.status === 'ready' || state.status === 'failed' ? props.tokenUse : undefined,
    },
    h('h2', { id: 'hd-decision-title' }, title),
    body,
  );
}
