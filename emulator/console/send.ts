/**
 * The console's handlers answer through the emulator's one sender (`../http/send-json.ts`); every
 * console JSON answer is made uncacheable by its route (it depends on tokens and the schema).
 */
export { sendJson } from '../http/send-json.ts';
