/**
 * Machine sign-in: pick a seeded machine client (or type any client id and secret) and an
 * optional scope; the console asks Cognito's token endpoint for a client-credentials token.
 */
import { createElement as h, useId, useState, type ChangeEvent, type FormEvent } from 'react';
import type { ConsoleMachineClient } from '../contract.ts';

/** Props of {@link MachineSignInForm}. */
export interface MachineSignInFormProps {
  readonly clients: readonly ConsoleMachineClient[];
  readonly busy: boolean;
  readonly onSignIn: (clientId: string, secret: string, scope: string | null) => void;
}

function describeClient(client: ConsoleMachineClient): string {
  return `${client.clientId} (${client.scopes.length === 0 ? 'no scope' : client.scopes.join(' ')})`;
}

/** The form. */
export function MachineSignInForm(props: MachineSignInFormProps) {
  const first = props.clients[0];
  const [clientId, setClientId] = useState(first?.clientId ?? '');
  const [secret, setSecret] = useState(first?.secret ?? '');
  const [scope, setScope] = useState('');
  const [showSecret, setShowSecret] = useState(false);
  const secretId = useId();
  const known = props.clients.find((client) => client.clientId === clientId);

  const choose = (event: ChangeEvent<HTMLSelectElement>) => {
    const client = props.clients.find((candidate) => candidate.clientId === event.target.value);
    setClientId(event.target.value);
    setSecret(client?.secret ?? '');
    setScope('');
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    props.onSignIn(clientId, secret, scope.trim() === '' ? null : scope.trim());
  };

  return h(
    'form',
    { className: 'hd-form', onSubmit: submit, 'aria-label': 'Machine sign-in' },
    props.clients.length === 0
      ? null
      : h(
          'label',
          { className: 'hd-field' },
          h('span', null, 'Seeded machine client'),
          h(
            'select',
            { value: known === undefined ? '' : clientId, onChange: choose },
            ...props.clients.map((client) => h('option', { key: client.clientId, value: client.clientId }, describeClient(client))),
            h('option', { key: '', value: '' }, 'Other (type below)'),
          ),
        ),
    h(
      'label',
      { className: 'hd-field' },
      h('span', null, 'Client id'),
      h('input', { type: 'text', autoComplete: 'off', spellCheck: false, required: true, value: clientId, onChange: (event: ChangeEvent<HTMLInputElement>) => setClientId(event.target.value) }),
    ),
    h(
      'div',
      { className: 'hd-field' },
      h('label', { htmlFor: secretId }, 'Client secret'),
      h(
        'span',
        { className: 'hd-inline' },
        h('input', {
          id: secretId,
          type: showSecret ? 'text' : 'password',
          autoComplete: 'off',
          required: true,
          value: secret,
          onChange: (event: ChangeEvent<HTMLInputElement>) => setSecret(event.target.value),
        }),
        h('button', { type: 'button', className: 'hd-link', 'aria-pressed': showSecret, onClick: () => setShowSecret(!showSecret) }, 'Show secret'),
      ),
    ),
    h(
      'label',
      { className: 'hd-field' },
      h('span', null, 'Scope (optional)'),
      h('input', {
        type: 'text',
        spellCheck: false,
        placeholder: known === undefined || known.scopes.length === 0 ? 'every scope the client may have' : known.scopes.join(' '),
        value: scope,
        onChange: (event: ChangeEvent<HTMLInputElement>) => setScope(event.target.value),
      }),
    ),
    h(
      'p',
      { className: 'hd-muted' },
      'POST /oauth2/token, grant_type=client_credentials, the client authenticated with HTTP Basic. Seeded clients and their secrets are in emulator/seed-users.json.',
    ),
    h('button', { type: 'submit', className: 'hd-primary', disabled: props.busy }, props.busy ? 'Asking for a token…' : 'Get a machine token'),
  );
}
