/**
 * The live subscriptions panel: pick a subscription (and its ticket id), subscribe as the
 * signed-in identity with the chosen token over AppSync's real-time protocol, watch events
 * arrive (newest first, with their time), stop. A refusal is explained in words from the error
 * frame, the token's claims and the authorizer's `deniedFields`.
 */
import type { GraphQLSchema } from 'graphql';
import { createElement as h, useEffect, useMemo, useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import type { ConsoleConfig } from '../contract.ts';
import { decodeClaims } from './jwt-claims.ts';
import { apiHost, realtimeUrl } from './realtime-url.ts';
import { openSubscriptionSocket, type SubscriptionSocket } from './realtime-socket.ts';
import { callerFacts, explainRefusal, type RefusalExplanation } from './refusal-explanation.ts';
import { EXAMPLES } from './examples.ts';
import { needsTicketId, publishedFields, subscriptionDocument, subscriptionFields, subscriptionVariables } from './subscription-operations.ts';
import { initialSubscriptionState, phaseText, reduceSubscription, type ReceivedEvent, type SubscriptionState } from './subscription-state.ts';

/** Who subscribes: the current identity and the token it sends. */
export interface Subscriber {
  /** E.g. `agent@example.com (ID token)`. */
  readonly label: string;
  readonly kind: 'user' | 'machine';
  /** The token to send now (refreshed first when about to expire). */
  readonly token: () => Promise<string | null>;
  /** This token's `deniedFields`, or `null` before the decision arrived. */
  readonly deniedFields: readonly string[] | null;
}

/** Props of {@link SubscriptionsPanel}. */
export interface SubscriptionsPanelProps {
  readonly config: ConsoleConfig;
  readonly schema: GraphQLSchema;
  /** `null` when signed out. */
  readonly subscriber: Subscriber | null;
  /** The last ticket id the console saw, to prefill the ticket id. */
  readonly lastTicketId: string | null;
  /** Ticket ids seen in answers, newest first, offered in the ticket id field. */
  readonly ticketIds: readonly string[];
}

interface Running {
  readonly state: SubscriptionState;
  readonly url: string;
  readonly field: string;
  readonly as: string;
  readonly explanation: RefusalExplanation | null;
}

let nextSubscriptionId = 0;

function eventTime(at: number): string {
  const date = new Date(at);
  return `${date.toLocaleTimeString([], { hour12: false })}.${String(date.getMilliseconds()).padStart(3, '0')}`;
}

function EventItem(props: { readonly event: ReceivedEvent; readonly field: string }) {
  const payload = props.event.payload as { data?: Record<string, unknown> | null; errors?: unknown[] } | null;
  const value = payload?.data?.[props.field] ?? payload?.data ?? null;
  return h(
    'li',
    { className: 'hd-event', 'data-sequence': props.event.sequence },
    h('span', { className: 'hd-event-time' }, `#${props.event.sequence} · ${eventTime(props.event.receivedAt)}`),
    h('pre', null, JSON.stringify(value, null, 2)),
    payload?.errors === undefined || payload.errors.length === 0
      ? null
      : h(
          'div',
          null,
          h('p', { className: 'hd-muted' }, 'With errors: a field this token may not read is nulled, and a non-null field the mutation did not select nulls its parent.'),
          h('pre', { className: 'hd-event-errors' }, JSON.stringify(payload.errors, null, 2)),
        ),
  );
}

/** The panel. */
export function SubscriptionsPanel(props: SubscriptionsPanelProps) {
  const { config, schema, subscriber } = props;
  const fields = useMemo(() => subscriptionFields(schema), [schema]);
  const [fieldName, setFieldName] = useState(fields[0]?.name ?? '');
  const [ticketId, setTicketId] = useState(props.lastTicketId ?? '');
  const [running, setRunning] = useState<Running | null>(null);
  const socket = useRef<SubscriptionSocket | null>(null);
  const field = fields.find((candidate) => candidate.name === fieldName) ?? fields[0];
  const denied = useMemo(() => (subscriber?.deniedFields === null || subscriber === null ? null : new Set(subscriber.deniedFields)), [subscriber]);
  const published = useMemo(() => (field === undefined ? null : publishedFields(config.subscribedMutations[field.name] ?? [], EXAMPLES)), [config, field]);
  const defaultOperation = field === undefined ? '' : subscriptionDocument(schema, field.name, denied, published);
  const [operation, setOperation] = useState(defaultOperation);
  // Another field or another token's denied fields: the operation starts over from its default.
  useEffect(() => setOperation(defaultOperation), [defaultOperation]);
  const wantsTicket = field !== undefined && needsTicketId(schema, field);
  const active = running !== null && running.state.phase !== 'ended';

  // An empty ticket id follows the last ticket the console saw.
  useEffect(() => {
    if (props.lastTicketId !== null) setTicketId((current) => (current.trim() === '' ? (props.lastTicketId ?? '') : current));
  }, [props.lastTicketId]);

  // Signing out ends the subscription: the identity it ran as is gone. Whatever ended is cleared
  // when another identity signs in, so its outcome is never read as the new one's.
  const signedIn = subscriber !== null;
  const label = subscriber?.label ?? null;
  useEffect(() => {
    if (!signedIn) socket.current?.close();
  }, [signedIn]);
  useEffect(() => {
    if (label !== null) setRunning((before) => (before !== null && before.state.phase === 'ended' && before.as !== label ? null : before));
  }, [label]);
  useEffect(() => () => socket.current?.close(), []);

  if (fields.length === 0 || field === undefined) {
    return h(
      'section',
      { className: 'hd-section', 'aria-labelledby': 'hd-subscriptions-title' },
      h('h2', { id: 'hd-subscriptions-title' }, 'Subscriptions'),
      h('p', { className: 'hd-muted' }, 'The schema has no Subscription type.'),
    );
  }

  const subscribe = async (event: FormEvent) => {
    event.preventDefault();
    if (subscriber === null || active) return;
    const token = await subscriber.token();
    if (token === null) return;
    socket.current?.close();
    nextSubscriptionId += 1;
    const id = `console-${nextSubscriptionId}`;
    let url: string;
    try {
      url = realtimeUrl(window.location.href, config.realtimeEndpoint);
    } catch (error) {
      const state = reduceSubscription(initialSubscriptionState(id), { kind: 'closed', code: 0, reason: error instanceof Error ? error.message : String(error) });
      setRunning({ state, url: config.realtimeEndpoint, field: field.name, as: subscriber.label, explanation: null });
      return;
    }
    const context = {
      field: field.name,
      rule: config.rules[`Subscription.${field.name}`] ?? null,
      deniedFields: subscriber.deniedFields,
      caller: callerFacts(decodeClaims(token) ?? {}, subscriber.kind),
    };
    setRunning({ state: initialSubscriptionState(id), url, field: field.name, as: subscriber.label, explanation: null });
    socket.current = openSubscriptionSocket({
      url,
      id,
      authorization: { Authorization: token, host: apiHost(window.location.href, config.graphqlEndpoint) },
      request: { query: operation, variables: subscriptionVariables(field, ticketId) },
      onInput: (input) =>
        setRunning((before) => {
          if (before === null || before.state.id !== id) return before;
          const state = reduceSubscription(before.state, input);
          const end = state.end;
          const explanation = end?.reason === 'refused' && before.explanation === null ? explainRefusal(end.scope, end.errors, context) : before.explanation;
          return { ...before, state, explanation };
        }),
    });
  };

  const stop = () => socket.current?.stop();

  return h(
    'section',
    { className: 'hd-section', 'aria-labelledby': 'hd-subscriptions-title' },
    h('h2', { id: 'hd-subscriptions-title' }, 'Subscriptions'),
    h(
      'form',
      { className: 'hd-form', onSubmit: (event: FormEvent) => void subscribe(event), 'aria-label': 'Subscribe' },
      h(
        'label',
        { className: 'hd-field' },
        h('span', null, 'Subscription'),
        h(
          'select',
          { value: field.name, disabled: active, onChange: (event: ChangeEvent<HTMLSelectElement>) => setFieldName(event.target.value) },
          ...fields.map((candidate) =>
            h('option', { key: candidate.name, value: candidate.name }, `${candidate.name}${candidate.args.length === 0 ? '' : `(${candidate.args.map((arg) => arg.name).join(', ')})`}`),
          ),
        ),
      ),
      wantsTicket
        ? h(
            'label',
            { className: 'hd-field' },
            h('span', null, 'Ticket id'),
            h('input', {
              type: 'text',
              required: true,
              list: 'hd-ticket-ids',
              value: ticketId,
              disabled: active,
              spellCheck: false,
              onChange: (event: ChangeEvent<HTMLInputElement>) => setTicketId(event.target.value),
            }),
            h('datalist', { id: 'hd-ticket-ids' }, ...props.ticketIds.map((id) => h('option', { key: id, value: id }))),
          )
        : null,
      h(
        'details',
        null,
        h('summary', null, 'Subscription operation'),
        h('textarea', {
          className: 'hd-code',
          'aria-label': 'Subscription operation',
          'data-testid': 'subscription-document',
          rows: 9,
          spellCheck: false,
          value: operation,
          disabled: active,
          onChange: (event: ChangeEvent<HTMLTextAreaElement>) => setOperation(event.target.value),
        }),
      ),
      h(
        'p',
        { className: 'hd-muted' },
        `Published by ${(config.subscribedMutations[field.name] ?? []).join(', ') || 'no mutation'}. An event carries only the mutation's selection, which the filter matches on (id; ticketId for a comment), so the operation selects what those mutations' examples all select, minus what this token may not read.`,
      ),
      h(
        'div',
        { className: 'hd-actions' },
        h('button', { type: 'submit', className: 'hd-primary', disabled: subscriber === null || active }, 'Subscribe'),
        h('button', { type: 'button', disabled: !active || running?.state.phase === 'stopping', onClick: stop }, 'Stop'),
      ),
    ),
    running === null
      ? h('p', { className: 'hd-muted', 'data-testid': 'realtime-state', 'data-phase': 'idle' }, subscriber === null ? 'Not subscribed: sign in first, then subscribe as that identity.' : 'Not subscribed.')
      : h(
          'div',
          null,
          h(
            'p',
            { className: `hd-note ${running.state.phase === 'live' ? 'hd-ok' : running.state.end?.reason === 'refused' ? 'hd-error' : ''}`, 'data-testid': 'realtime-state', 'data-phase': running.state.phase, 'aria-live': 'polite' },
            h('strong', null, `${running.field} as ${running.as}: `),
            phaseText(running.state, running.url),
          ),
          running.explanation === null
            ? null
            : h(
                'div',
                { className: 'hd-note hd-error', 'data-testid': 'subscription-refusal' },
                h('strong', null, running.explanation.title),
                h('ul', null, ...running.explanation.lines.map((line, index) => h('li', { key: index }, line))),
              ),
          h('h3', null, `Events (${running.state.received})`),
          running.state.events.length === 0
            ? h('p', { className: 'hd-muted' }, 'None yet, newest first when they come.')
            : h('ol', { className: 'hd-events', 'data-testid': 'subscription-events', reversed: true }, ...running.state.events.map((event) => h(EventItem, { key: event.sequence, event, field: running.field }))),
        ),
  );
}
