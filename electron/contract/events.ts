/**
 * Main → renderer events (DESIGN.md §4): the second map of the contract. Listeners get plain data and
 * an unsubscribe function.
 */
import type { ScanOutcome, SyncStatus } from './dto';

export interface KioskEvents {
  syncChanged: SyncStatus;
  scanOutcome: ScanOutcome;
}

export type EventName = keyof KioskEvents;

export const eventNames: readonly EventName[] = ['syncChanged', 'scanOutcome'];

export function eventChannel(name: EventName): `kiosk-event:${EventName}` {
  return `kiosk-event:${name}`;
}
