/** The sign-in form: pick a seeded user or type any email and password. */
import { createElement as h, useId, useState, type ChangeEvent, type FormEvent } from 'react';
import type { ConsoleUser } from '../contract.ts';

/** Props of {@link SignInForm}. */
export interface SignInFormProps {
  readonly users: readonly ConsoleUser[];
  readonly defaultPassword: string | null;
  readonly busy: boolean;
  readonly onSignIn: (email: string, password: string) => void;
}

function describeUser(user: ConsoleUser): string {
  const groups = user.groups.length > 0 ? user.groups.join(', ') : 'no group';
  return `${user.email} (${groups}${user.emailVerified ? '' : ', email not verified'})`;
}

/** The form. */
export function SignInForm(props: SignInFormProps) {
  const [email, setEmail] = useState(props.users[0]?.email ?? '');
  const [password, setPassword] = useState(props.defaultPassword ?? '');
  const [showPassword, setShowPassword] = useState(false);
  const passwordId = useId();
  const known = props.users.some((user) => user.email === email);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    props.onSignIn(email, password);
  };

  return h(
    'form',
    { className: 'hd-form', onSubmit: submit, 'aria-label': 'Sign in' },
    h(
      'label',
      { className: 'hd-field' },
      h('span', null, 'Seeded user'),
      h(
        'select',
        { value: known ? email : '', onChange: (event: ChangeEvent<HTMLSelectElement>) => setEmail(event.target.value) },
        ...props.users.map((user) => h('option', { key: user.email, value: user.email }, describeUser(user))),
        h('option', { key: '', value: '' }, 'Other (type below)'),
      ),
    ),
    h(
      'label',
      { className: 'hd-field' },
      h('span', null, 'Email'),
      h('input', { type: 'email', autoComplete: 'username', required: true, value: email, onChange: (event) => setEmail(event.target.value) }),
    ),
    h(
      'div',
      { className: 'hd-field' },
      h('label', { htmlFor: passwordId }, 'Password'),
      h(
        'span',
        { className: 'hd-inline' },
        h('input', {
          id: passwordId,
          type: showPassword ? 'text' : 'password',
          autoComplete: 'current-password',
          required: true,
          value: password,
          onChange: (event: ChangeEvent<HTMLInputElement>) => setPassword(event.target.value),
        }),
        h('button', { type: 'button', className: 'hd-link', 'aria-pressed': showPassword, onClick: () => setShowPassword(!showPassword) }, 'Show password'),
      ),
    ),
    props.defaultPassword === null ? null : h('p', { className: 'hd-muted' }, 'Seeded users share the password in emulator/seed-users.json, prefilled here.'),
    h('button', { type: 'submit', className: 'hd-primary', disabled: props.busy }, props.busy ? 'Signing in…' : 'Sign in'),
  );
}
