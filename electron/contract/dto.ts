/** Data shapes that cross the IPC boundary. Plain JSON only: no Dates, Maps or class instances. */

export type SyncState = 'not_enrolled' | 'idle' | 'syncing' | 'offline' | 'stopped';

export interface SyncStatus {
  readonly state: SyncState;
  /** Events written on this station that the city has not acknowledged yet. */
  readonly waitingEvents: number;
  readonly lastSuccessMs: number | null;
  /** First 8 hex of SHA-256 of the latest city receipt, for volunteers to read out. */
  readonly receiptShort: string | null;
  /** Station clock minus city clock, from the last cursor answer; null before the first contact. */
  readonly clockOffsetMs: number | null;
  readonly detail: string | null;
}

export interface StationProblem {
  readonly code: string;
  readonly message: string;
}

export interface StationStatus {
  readonly stationId: string;
  readonly stationName: string;
  readonly wardName: string;
  readonly demoMode: boolean;
  readonly appVersion: string;
  readonly sync: SyncStatus;
  /** Problems that put the station into maintenance (bad config, damaged database …). */
  readonly problems: readonly StationProblem[];
}

export interface EchoReply {
  readonly text: string;
  readonly receivedAtMs: number;
}
