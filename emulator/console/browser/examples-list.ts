/** The example operations, grouped by persona, each marked with what this token may not touch. */
import type { GraphQLSchema } from 'graphql';
import { createElement as h } from 'react';
import { EXAMPLES, PERSONAS, type Example } from './examples.ts';
import { touchedFields } from './operation-fields.ts';

/** Props of {@link ExamplesList}. */
export interface ExamplesListProps {
  readonly schema: GraphQLSchema;
  /** This token's denied fields, or `null` before a decision. */
  readonly denied: ReadonlySet<string> | null;
  readonly onLoad: (example: Example) => void;
}

/** The list. */
export function ExamplesList(props: ExamplesListProps) {
  const groups = PERSONAS.map((persona) => {
    const items = EXAMPLES.filter((example) => example.persona === persona).map((example) => {
      const hits = props.denied === null ? [] : [...(touchedFields(props.schema, example.query) ?? [])].filter((field) => props.denied?.has(field));
      return h(
        'li',
        { key: example.name },
        h(
          'button',
          { type: 'button', className: 'hd-example', onClick: () => props.onLoad(example), title: example.description, 'aria-label': `Load example ${example.name}` },
          h('span', { className: 'hd-example-name' }, example.name),
          props.denied === null
            ? null
            : h('span', { className: hits.length === 0 ? 'hd-badge hd-allowed' : 'hd-badge hd-denied' }, hits.length === 0 ? 'allowed' : `denied: ${hits.join(', ')}`),
        ),
      );
    });
    return h('div', { key: persona, className: 'hd-example-group' }, h('h3', null, persona), h('ul', null, ...items));
  });
  return h(
    'section',
    { className: 'hd-section', 'aria-labelledby': 'hd-examples-title' },
    h('h2', { id: 'hd-examples-title' }, 'Examples'),
    h('p', { className: 'hd-muted' }, 'Opens the operation in a GraphiQL tab; ids are prefilled with the last ticket seen.'),
    ...groups,
  );
}
