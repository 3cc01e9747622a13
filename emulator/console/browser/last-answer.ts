/** The readable summary of the last API answer. */
import { createElement as h } from 'react';
import type { ResponseSummary } from './response-summary.ts';

/** The summary section, announced to screen readers when it changes. */
export function LastAnswer(props: { readonly summary: ResponseSummary | null; readonly count: number }) {
  const { summary } = props;
  return h(
    'section',
    { className: 'hd-section', 'aria-labelledby': 'hd-answer-title' },
    h('h2', { id: 'hd-answer-title' }, 'Last answer'),
    h(
      'div',
      { role: 'status', 'data-testid': 'last-answer', 'data-answers': props.count },
      summary === null
        ? h('p', { className: 'hd-muted' }, 'Run an operation with ▶ (Ctrl-Enter).')
        : h(
            'div',
            { className: `hd-note hd-${summary.tone}` },
            h('strong', null, summary.title),
            summary.lines.length === 0 ? null : h('ul', null, ...summary.lines.map((line, index) => h('li', { key: index }, line))),
          ),
    ),
  );
}
