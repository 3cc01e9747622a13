/**
 * Test setup: the suite may only talk to this machine. Any attempt to open a socket to another
 * host fails loudly instead of silently depending on (or leaking to) the network, in the test
 * workers and in every Node process they start (`cdk synth`, the emulator's CLI, the load
 * run's server), which inherit the guard through NODE_OPTIONS.
 */
import { fileURLToPath } from 'node:url';
import './loopback-guard.mjs';

const guard = fileURLToPath(new URL('./loopback-guard.mjs', import.meta.url));
const importGuard = `--import=${guard}`;
if (!(process.env.NODE_OPTIONS ?? '').includes(importGuard)) {
  process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ''} ${importGuard}`.trim();
}
