/**
 * The console: the identity panel (sign in, choose the token, see its claims and the
 * authorizer's decision) beside GraphiQL, which sends the chosen token with every operation.
 */
import type { EditorContextType } from '@graphiql/react';
import { GraphiQL } from 'graphiql';
import { buildSchema } from 'graphql';
import { createElement as h, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ConsoleConfig } from '../contract.ts';
import { createApiFetcher, ticketIdIn } from './api-fetcher.ts';
import { fetchDecision } from './decision-client.ts';
import { DecisionView, type DecisionState } from './decision-view.ts';
import { EditorBridge } from './editor-bridge.ts';
import { DEFAULT_QUERY, EXAMPLES, exampleVariables, type Example } from './examples.ts';
import { ExamplesList } from './examples-list.ts';
import { LastAnswer } from './last-answer.ts';
import { rootFields, touchedFields } from './operation-fields.ts';
import type { ResponseSummary } from './response-summary.ts';
import { useSession } from './session.ts';
import { SignInForm } from './sign-in-form.ts';
import { ClaimsView, chosenToken, ExpiryCountdown, TokenChoiceView, type TokenChoice } from './token-view.ts';

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

  // The fetcher is created once; it reads the latest choice and session through refs.
  const choiceRef = useRef(choice);
  choiceRef.current = choice;
  const freshRef = useRef(session.fresh);
  freshRef.current = session.fresh;

  const token = session.session === null ? null : chosenToken(session.session, choice);
  const decision = useDecision(config, token);
  const denied = decision.status === 'ready' && decision.decision.isAuthorized ? new Set(decision.decision.deniedFields) : null;
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

  const signedInUser = session.session === null ? undefined : config.users.find((user) => user.email === session.session?.email);

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
            session.session === null ? 'signed out' : `${session.session.email} · ${choice === 'id' ? 'ID' : 'access'} token`,
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
        session.session === null
          ? h(SignInForm, { users: config.users, defaultPassword: config.defaultPassword, busy: session.busy, onSignIn: (email, password) => void session.signIn(email, password) })
          : h(
              'div',
              { className: 'hd-signed-in' },
              h(
                'p',
                { 'data-testid': 'signed-in-as' },
                'Signed in as ',
                h('strong', null, session.session.email),
                signedInUser === undefined ? null : ` (${signedInUser.groups.length > 0 ? signedInUser.groups.join(', ') : 'no group'})`,
              ),
              h(
                'div',
                { className: 'hd-actions' },
                h('button', { type: 'button', onClick: () => void session.refresh() }, 'Refresh tokens'),
                h('button', { type: 'button', onClick: session.signOut }, 'Sign out'),
              ),
            ),
        session.error === null ? null : h('p', { className: 'hd-note hd-error', role: 'alert' }, session.error),
        session.notice === null ? null : h('p', { className: 'hd-note' }, session.notice),
        session.session === null || token === null
          ? null
          : h(
              'div',
              null,
              h(TokenChoiceView, { choice, onChoose: setChoice }),
              h(ExpiryCountdown, { expiresAt: session.session.expiresAt, refreshes: session.session.refreshes }),
            ),
      ),
      h(DecisionView, { state: decision, roots, touched, tokenUse: token === null ? null : choice }),
      h(LastAnswer, answers),
      token === null
        ? null
        : h(
            'section',
            { className: 'hd-section', 'aria-labelledby': 'hd-claims-title' },
            h('h2', { id: 'hd-claims-title' }, choice === 'id' ? 'ID token claims' : 'Access token claims'),
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
