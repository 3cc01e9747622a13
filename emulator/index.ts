/**
 * The offline emulator's public API: run resolver code as AppSync does (`evaluateCode`) and run
 * the whole API on this machine (`startEmulator`).
 */
export { evaluateCode } from './evaluate-code.ts';
export type { EvaluateCodeInput, EvaluateCodeOutput } from './evaluate-code.ts';
export { startEmulator } from './start-emulator.ts';
export type { EmulatorOptions, RunningEmulator } from './start-emulator.ts';
