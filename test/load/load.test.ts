/**
 * The short load run of `npm test`: 4 clients for 4 s of mixed reads and writes from four
 * personas against the emulator as a child process, stopped with SIGTERM at half time and
 * restarted on the same data directory. Every acknowledged write is read back. The long run
 * (16 clients × 30 s, with and without the restart) is `npm run test:load`.
 */
import { describe, expect, it } from 'vitest';
import { runLoadScenario, type LoadScenarioResult } from './load-scenario.ts';

describe('Load with nothing lost (short run)', () => {
  it('loses no acknowledged write and answers no 5xx across a SIGTERM restart', async () => {
    // Act
    const result: LoadScenarioResult = await runLoadScenario({ clients: 4, durationMs: 4_000, restart: true });

    // Assess
    const figures = JSON.stringify(result);
    expect(result.sigtermExitCode, figures).toBe(0);
    expect(result.errors5xx, figures).toBe(0);
    expect(result.graphqlErrors, figures).toBe(0);
    // On a loaded machine the short run may end before any comment is written; tickets always are.
    expect(result.acknowledged.openTicket, figures).toBeGreaterThan(0);
    expect(result.lost, figures).toEqual({ openTicket: 0, addComment: 0 });
    expect(result.found).toEqual(result.acknowledged);
    // Only writes whose answer the restart cut off may be in the table unacknowledged.
    expect(result.unacknowledgedInTable.openTicket).toBeLessThanOrEqual(result.unknownWrites.openTicket);
    expect(result.unacknowledgedInTable.addComment).toBeLessThanOrEqual(result.unknownWrites.addComment);
  }, 60_000);
});
