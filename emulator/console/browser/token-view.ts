/**
 * The token part of the panel: which token goes in `Authorization`, what it claims, when it
 * expires. The raw token is shown only on request.
 */
import { createElement as h, useEffect, useState, type FocusEvent } from 'react';
import { decodeClaims, formatDuration, type Claims } from './jwt-claims.ts';
import type { TokenChoice } from './session-token.ts';


const CHOICES: ReadonlyArray<{ value: TokenChoice; label: string; hint: string }> = [
  { value: 'id', label: 'ID token', hint: 'Who the user is: email, email_verified, groups, aud.' },
  { value: 'access', label: 'Access token', hint: 'What the client may do: groups, scope, client_id; no email unless a V2 trigger adds it.' },
];

/** Props of {@link TokenChoiceView}. */
export interface TokenChoiceProps {
  readonly choice: TokenChoice;
  readonly onChoose: (choice: TokenChoice) => void;
}

/** The radio group choosing the token. */
export function TokenChoiceView(props: TokenChoiceProps) {
  return h(
    'fieldset',
    { className: 'hd-choice' },
    h('legend', null, 'Token sent as Authorization'),
    ...CHOICES.map((choice) =>
      h(
        'label',
        { key: choice.value, className: `hd-choice-option${props.choice === choice.value ? ' hd-selected' : ''}` },
        h('input', { type: 'radio', name: 'token-choice', value: choice.value, checked: props.choice === choice.value, onChange: () => props.onChoose(choice.value) }),
        h('span', { className: 'hd-choice-label' }, choice.label),
        h('span', { className: 'hd-choice-hint' }, choice.hint),
      ),
    ),
  );
}

/** Claims shown first, in this order; `email` and `email_verified` are shown even when absent. */
const KEY_CLAIMS = ['token_use', 'email', 'email_verified', 'cognito:groups', 'cognito:username', 'username', 'sub', 'aud', 'client_id', 'scope'];
const ALWAYS_SHOWN = new Set(['email', 'email_verified']);

function claimText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function timeText(seconds: unknown): string {
  return typeof seconds === 'number' ? new Date(seconds * 1000).toISOString().replace('.000Z', 'Z') : claimText(seconds);
}

/** The time left until `expiresAt`, ticking every second. */
export function ExpiryCountdown(props: { readonly expiresAt: number; readonly refreshes: number }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const left = props.expiresAt - now;
  const text = left > 0 ? `expires in ${formatDuration(left)}` : `expired ${formatDuration(-left)} ago`;
  return h(
    'p',
    { className: `hd-expiry${left <= 0 ? ' hd-expired' : ''}`, 'data-testid': 'token-expiry' },
    h('strong', null, text),
    ` (at ${new Date(props.expiresAt).toLocaleTimeString()}; refreshed automatically a minute before${props.refreshes > 0 ? `; refreshed ${props.refreshes}×` : ''})`,
  );
}

/** Props of {@link ClaimsView}. */
export interface ClaimsViewProps {
  readonly token: string;
}

/** The decoded claims, the key ones first; the raw token behind a disclosure. */
export function ClaimsView(props: ClaimsViewProps) {
  const claims: Claims = decodeClaims(props.token) ?? {};
  const [copied, setCopied] = useState(false);
  const rows = KEY_CLAIMS.filter((name) => name in claims || ALWAYS_SHOWN.has(name)).map((name) =>
    h(
      'div',
      { key: name, className: name in claims ? undefined : 'hd-absent' },
      h('dt', null, name),
      h('dd', null, name in claims ? claimText(claims[name]) : 'absent'),
    ),
  );
  const times = ['auth_time', 'iat', 'exp']
    .filter((name) => name in claims)
    .map((name) => h('div', { key: name }, h('dt', null, name), h('dd', null, timeText(claims[name]))));
  const copy = () => {
    void navigator.clipboard?.writeText(props.token).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  };
  return h(
    'div',
    { className: 'hd-claims' },
    h('dl', { 'data-testid': 'token-claims' }, ...rows, ...times),
    h('details', null, h('summary', null, 'All claims'), h('pre', null, JSON.stringify(claims, null, 2))),
    h(
      'details',
      null,
      h('summary', null, 'Show the raw token'),
      h('textarea', { readOnly: true, value: props.token, rows: 5, 'aria-label': 'Raw token', onFocus: (event: FocusEvent<HTMLTextAreaElement>) => event.target.select() }),
      h('button', { type: 'button', className: 'hd-link', onClick: copy }, copied ? 'Copied' : 'Copy'),
    ),
  );
}
