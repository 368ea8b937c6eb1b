/**
 * The object the page sees as `window.kiosk`, derived from the command and event maps. The preload
 * builds it in Electron; renderer/kiosk-api.ts builds the same shape over the WebSocket bridge.
 */
import type { CommandInput, CommandName, CommandOutput } from './commands';
import type { EventName, KioskEvents } from './events';
import type { Result } from './result';

export type KioskCommandMethods = {
  readonly [K in CommandName]: (input: CommandInput<K>) => Promise<Result<CommandOutput<K>>>;
};

export interface KioskEventSource {
  on<E extends EventName>(name: E, listener: (payload: KioskEvents[E]) => void): () => void;
}

export type KioskApi = KioskCommandMethods & KioskEventSource;

/** Handlers that a host registers: one async function per command, given validated input. */
export type KioskHandlers = {
  readonly [K in CommandName]: (input: CommandInput<K>) => Promise<CommandOutput<K>>;
};

/** The WebSocket bridge's frames (web host only). */
export type BridgeRequest = { readonly id: number; readonly command: string; readonly input: unknown };
export type BridgeFrame =
  | { readonly type: 'result'; readonly id: number; readonly result: Result<unknown> }
  | { readonly type: 'event'; readonly name: EventName; readonly payload: unknown };
