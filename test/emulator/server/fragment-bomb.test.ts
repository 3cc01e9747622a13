/**
 * Fragments spread twice at every level describe 2^n selections in a few hundred bytes. The
 * depth limit and `ctx.info.selectionSetList` must not walk them 2^n times: one such request
 * would freeze the whole single-threaded emulator.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../emulator/start-emulator.ts';
import { graphql, persona, signInEveryone, startTestEmulator, type Persona } from './support/emulator-fixture.ts';

/** `{ me { ...F0 } }` where each `Fi` spreads `F(i+1)` twice, and the last selects `sub`. */
function fragmentBomb(levels: number): string {
  const fragments = Array.from({ length: levels }, (_, index) => `fragment F${index} on Identity { ...F${index + 1} ...F${index + 1} }`);
  return [`query Bomb { me { ...F0 } }`, ...fragments, `fragment F${levels} on Identity { sub }`].join('\n');
}

describe('Emulator: fragment bombs', () => {
  let emulator: RunningEmulator;
  let customer: Persona;

  beforeAll(async () => {
    ({ emulator } = await startTestEmulator());
    customer = persona(await signInEveryone(emulator), 'customer@example.com', 'id');
  });

  afterAll(async () => {
    await emulator?.close();
  });

  it('answers a 40-level fragment bomb at once and stays responsive', async () => {
    // Prepare: 2^40 spreads; walked naively this would not finish.
    const bomb = fragmentBomb(40);
    const started = performance.now();

    // Act
    const [answer, next] = await Promise.all([
      graphql(emulator, customer.token, bomb),
      graphql(emulator, customer.token, 'query { me { sub } }'),
    ]);

    // Assess: a generous bound that only a 2^n walk would exceed.
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ data: { me: { sub: expect.any(String) } } });
    expect(next.body).toEqual({ data: { me: { sub: expect.any(String) } } });
  });
});
