/**
 * SECURITY.md is generated, never typed: it must equal what `scripts/security-report.ts` renders
 * from the committed figures (`test/load/results/latest.json`) and the current case tables and
 * limits. A hand edit, a new hostile case or a changed limit fails here until the report is
 * regenerated.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderSecurity, RESULTS_FILE, SECURITY_FILE, type SecurityResults } from '../../scripts/security-report.ts';

describe('SECURITY.md', () => {
  it('is what npm run security-report renders from the committed figures and the current case tables', () => {
    // Prepare
    const results = JSON.parse(readFileSync(RESULTS_FILE, 'utf8')) as SecurityResults;

    // Act
    const rendered = renderSecurity(results);

    // Assess
    expect(readFileSync(SECURITY_FILE, 'utf8'), 'SECURITY.md is stale or was edited by hand: run `npm run security-report` (or `npm run security-report -- --skip-load` to keep the load figures)').toBe(rendered);
  });
});
