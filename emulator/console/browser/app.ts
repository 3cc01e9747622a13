/**
 * The console: the identity panel (sign in as a user or a machine client, choose the token, see
 * its claims and the authorizer's decision, subscribe in real time) beside GraphiQL, which
 * sends the chosen token with every operation.
 */
import type { EditorContextType } from '@graphiql/react';
import { GraphiQL } from 'graphiql';
import { buildSchema } from 'graphql';
import { createElement as h, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ConsoleConfig } from '../contract.ts';
import { createApiFetcher, ticketIdIn, ticketIdsIn } from './api-fetcher.ts';
import { ApiIdentityView, identityQuery, useApiIdentity } from './api-identity.ts';
import { fetchDecision } from './decision-client.ts';
import { DecisionView, type DecisionState } from './decision-view.ts';
import { EditorBridge } from './editor-bridge.ts';
import { DEFAULT_QUERY, EXAMPLES, exampleVariables, type Example } from './examples.ts';
import { ExamplesList } from './examples-list.ts';
import { LastAnswer } from './last-answer.ts';
import { MachineSignInForm } from './machine-sign-in-form.ts';
import { decodeClaims } from './jwt-claims.ts';
import { rootFields, touchedFields } from './operation-fields.ts';
import type { ResponseSummary } from './response-summary.ts';
import { useSession, type Session } from './session.ts';
import { SignInForm } from './sign-in-form.ts';
import { SubscriptionsPanel, type Subscriber } from './subscriptions-panel.ts';
import { chosenToken, chosenTokenUse, type TokenChoice } from './session-token.ts';
import { ClaimsView, ExpiryCountdown, TokenChoiceView } from './token-view.ts';

/** Props of {@link App}. */
export interface AppProps {
  readonly config: ConsoleConfig;
}

function useDecision(config: ConsoleConfig, token: string | null): DecisionState {
  const [answer, setAnswer] = useState<{ readonly token: string; readonly state: DecisionState } | null>(null);
  useEffect(() => {
    if (token === null) return undefined;
    let current = true;
    fetchDecision(config, token).then(
      (decision) => current && setAnswer({ token, state: { status: 'ready', decision } }),
      (error: unknown) => current && setAnswer({ token, state: { status: 'failed', message: error instanceof Error ? error.message : String(error) } }),
    );
    return () => {
      current = false;
    };
  }, [config, token]);
  if (token === null) return { status: 'none' };
  // An answer for another token (the one before a switch) is never shown as this one's.
  return answer !== null && answer.token === token ? answer.state : { status: 'loading' };
}

/** How many ticket ids seen in answers the subscriptions panel offers. */
const MAX_TICKET_IDS_OFFERED = 20;

function sessionLabel(session: Session, tokenUse: TokenChoice): string {
  if (session.kind === 'machine') return `machine client ${session.clientId}`;
  return `${session.email} (${tokenUse === 'id' ? 'ID' : 'access'} token)`;
}

function scopesOf(token: string): string {
  const scope = decodeClaims(token)?.scope;
  return typeof scope === 'string' && scope !== '' ? scope : 'no scope';
}

/** The page. */
export function App(props: AppProps) {
  const { config } = props;
  const schema = useMemo(() => buildSchema(config.schema), [config.schema]);
  const roots = useMemo(() => rootFields(schema), [schema]);
  const session = useSession(config);
  const [choice, setChoice] = useState<TokenChoice>('id');
  const [answers, setAnswers] = useState<{ readonly count: number; readonly summary: ResponseSummary | null }>({ count: 0, summary: null });
  const [query, setQuery] = useState(DEFAULT_QUERY);
  const [panelOpen, setPanelOpen] = useState(true);
  const editor = useRef<EditorContextType | null>(null);
  const lastTicketId = useRef<string | null>(null);
  const [seenTicketId, setSeenTicketId] = useState<string | null>(null);
  const [seenTicketIds, setSeenTicketIds] = useState<readonly string[]>([]);

  // The fetcher is created once; it reads the latest choice and session through refs.
  const choiceRef = useRef(choice);
  choiceRef.current = choice;
  const freshRef = useRef(session.fresh);
  freshRef.current = session.fresh;

  const token = session.session === null ? null : chosenToken(session.session, choice);
  const tokenUse = session.session === null ? null : chosenTokenUse(session.session, choice);
  const decision = useDecision(config, token);
  const denied = decision.status === 'ready' && decision.decision.isAuthorized ? new Set(decision.decision.deniedFields) : null;
  const meQuery = useMemo(() => identityQuery(schema), [schema]);
  const apiIdentity = useApiIdentity(config.graphqlEndpoint, meQuery, token, denied !== null);
  const deniedList = decision.status === 'ready' && decision.decision.isAuthorized ? decision.decision.deniedFields : null;
  const subscriber = useMemo<Subscriber | null>(() => {
    const current = session.session;
    if (current === null || tokenUse === null) return null;
    return {
      label: sessionLabel(current, tokenUse),
      kind: current.kind,
      deniedFields: deniedList,
      token: async () => {
        const fresh = await freshRef.current();
        return fresh === null ? null : chosenToken(fresh, choiceRef.current);
      },
    };
  }, [session.session, tokenUse, deniedList]);
  const touched = useMemo(() => touchedFields(schema, query), [schema, query]);

  const fetcher = useMemo(
    () =>
      createApiFetcher({
        endpoint: config.graphqlEndpoint,
        currentToken: async () => {
          const fresh = await freshRef.current();
          return fresh === null ? null : chosenToken(fresh, choiceRef.current);
        },
        onAnswer: (answer, body) => {
          setAnswers((before) => ({ count: before.count + 1, summary: answer }));
          lastTicketId.current = ticketIdIn(body) ?? lastTicketId.current;
          setSeenTicketId(lastTicketId.current);
          const ids = ticketIdsIn(body);
          if (ids.length > 0) setSeenTicketIds((before) => [...new Set([...ids, ...before])].slice(0, MAX_TICKET_IDS_OFFERED));
        },
      }),
    [config.graphqlEndpoint],
  );

  const onContext = useCallback((context: EditorContextType) => {
    editor.current = context;
    const text = context.queryEditor?.getValue();
    if (text !== undefined) setQuery(text);
  }, []);

  const loadExample = useCallback((example: Example) => {
    const context = editor.current;
    if (context === null) return;
    const currentText = context.queryEditor?.getValue().trim() ?? '';
    // Reuse a tab that is empty or holds an untouched example; otherwise keep the user's work.
    if (currentText !== '' && !EXAMPLES.some((candidate) => candidate.query.trim() === currentText)) context.addTab();
    const variables = exampleVariables(example, lastTicketId.current);
    // After addTab the same editors show the new tab once React has rendered it.
    setTimeout(() => {
      context.queryEditor?.setValue(example.query);
      context.variableEditor?.setValue(variables);
    }, 0);
  }, []);

  const signedIn = session.session;
  const signedInUser = signedIn?.kind === 'user' ? config.users.find((user) => user.email === signedIn.email) : undefined;

  const signedInText =
    signedIn === null
      ? null
      : signedIn.kind === 'user'
        ? h(
            'p',
            { 'data-testid': 'signed-in-as' },
            'Signed in as ',
            h('strong', null, signedIn.email),
            signedInUser === undefined ? null : ` (${signedInUser.groups.length > 0 ? signedInUser.groups.join(', ') : 'no group'})`,
          )
        : h('p', { 'data-testid': 'signed-in-as' }, 'Signed in as machine client ', h('strong', null, signedIn.clientId), ` (${scopesOf(signedIn.accessToken)})`);

  const panel = h(
    'aside',
    { className: `hd-panel${panelOpen ? '' : ' hd-collapsed'}`, 'aria-label': 'Identity and authorization' },
    h(
      'header',
      { className: 'hd-header' },
      h('h1', null, 'Helpdesk API console'),
      panelOpen
        ? null
        : h(
            'span',
            { className: 'hd-collapsed-summary' },
            signedIn === null || tokenUse === null ? 'signed out' : sessionLabel(signedIn, tokenUse),
            answers.summary === null ? '' : ` · ${answers.summary.title.split(':')[0] ?? ''}`,
          ),
      h('button', { type: 'button', className: 'hd-link hd-toggle', 'aria-expanded': panelOpen, onClick: () => setPanelOpen(!panelOpen) }, panelOpen ? 'Hide panel' : 'Show panel'),
    ),
    h(
      'div',
      { className: 'hd-panel-body' },
      h(
        'section',
        { className: 'hd-section', 'aria-labelledby': 'hd-identity-title' },
        h('h2', { id: 'hd-identity-title' }, 'Identity'),
        signedIn === null
          ? h(
              'div',
              null,
              h(SignInForm, { users: config.users, defaultPassword: config.defaultPassword, busy: session.busy, onSignIn: (email, password) => void session.signIn(email, password) }),
              h(
                'details',
                { className: 'hd-machine' },
                h('summary', null, 'Sign in as a machine client (client credentials)'),
                h(MachineSignInForm, { clients: config.machineClients, busy: session.busy, onSignIn: (clientId, secret, scope) => void session.signInMachine(clientId, secret, scope) }),
              ),
            )
          : h(
              'div',
              { className: 'hd-signed-in' },
              signedInText,
              h(
                'div',
                { className: 'hd-actions' },
                h('button', { type: 'button', onClick: () => void session.refresh() }, signedIn.kind === 'user' ? 'Refresh tokens' : 'Request a new token'),
                h('button', { type: 'button', onClick: session.signOut }, 'Sign out'),
              ),
            ),
        session.error === null ? null : h('p', { className: 'hd-note hd-error', role: 'alert' }, session.error),
        session.notice === null ? null : h('p', { className: 'hd-note' }, session.notice),
        signedIn === null || token === null
          ? null
          : h(
              'div',
              null,
              signedIn.kind === 'user'
                ? h(TokenChoiceView, { choice, onChoose: setChoice })
                : h('p', { className: 'hd-muted' }, 'A client-credentials token is an access token with scopes and no user: there is no ID token, no email and no group.'),
              h(ExpiryCountdown, { expiresAt: signedIn.expiresAt, refreshes: signedIn.refreshes }),
            ),
      ),
      h(DecisionView, { state: decision, roots, touched, tokenUse }),
      h(LastAnswer, answers),
      h(SubscriptionsPanel, { config, schema, subscriber, lastTicketId: seenTicketId, ticketIds: seenTicketIds }),
      token === null
        ? null
        : h(
            'section',
            { className: 'hd-section', 'aria-labelledby': 'hd-claims-title' },
            h('h2', { id: 'hd-claims-title' }, tokenUse === 'id' ? 'ID token claims' : 'Access token claims'),
            h(ApiIdentityView, { state: apiIdentity }),
            h(ClaimsView, { token }),
          ),
      h(ExamplesList, { schema, denied, onLoad: loadExample }),
    ),
  );

  const graphiql = h(
    GraphiQL,
    {
      fetcher,
      schema,
      defaultQuery: DEFAULT_QUERY,
      defaultTheme: 'light',
      isHeadersEditorEnabled: false,
      shouldPersistHeaders: false,
      defaultEditorToolsVisibility: 'variables',
      onEditQuery: setQuery,
    },
    h(GraphiQL.Logo, null, h(EditorBridge, { onContext }), h('span', { className: 'hd-logo' }, 'Helpdesk API')),
  );

  return h('div', { className: 'hd-console' }, panel, h('main', { className: 'hd-graphiql' }, graphiql));
}
