/**
 * Main → renderer events (docs/ARCHITECTURE.md §4): the second map of the contract. Listeners get plain data and
 * an unsubscribe function.
 */
import type { Bilingual, GroupStatus, LearnerRecord, ScanOutcome, SyncStatus } from './dto';

export interface KioskEvents {
  syncChanged: SyncStatus;
  scanOutcome: ScanOutcome;
  groupChanged: GroupStatus;
  /** The volunteer exit combo was pressed: the page shows the PIN pad (Electron only). */
  exitRequested: Record<string, never>;
  learnerLookup: { readonly ok: true; readonly record: LearnerRecord } | { readonly ok: false; readonly message: Bilingual };
  /** The outcome of scanning the hub's enrolment QR on the sync screen. */
  enrolmentScanned: { readonly ok: true; readonly epoch: number } | { readonly ok: false; readonly message: Bilingual };
}

export type EventName = keyof KioskEvents;

export const eventNames: readonly EventName[] = ['syncChanged', 'scanOutcome', 'groupChanged', 'learnerLookup', 'exitRequested', 'enrolmentScanned'];

export function eventChannel(name: EventName): `kiosk-event:${EventName}` {
  return `kiosk-event:${name}`;
}
