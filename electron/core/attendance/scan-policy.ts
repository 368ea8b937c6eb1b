/**
 * What a successful scan means for the visit: a scanner often reads the same card two or three times
 * while it is held in front of it, so a repeat of the current learner within the window is ignored
 * rather than starting a new visit.
 */
export const REPEAT_SCAN_WINDOW_MS = 10_000;

export interface ActiveVisit {
  readonly learnerKey: string;
  readonly visitId: string;
  readonly lastScanWallMs: number;
}

export type ScanDecision = 'ignore-repeat' | 'same-learner' | 'switch-learner' | 'new-visit';

/** Decides how a scan of `learnerKey` at `nowMs` relates to the visit in progress. */
export function decideScan(active: ActiveVisit | null, learnerKey: string, nowMs: number): ScanDecision {
  if (active === null) return 'new-visit';
  if (active.learnerKey !== learnerKey) return 'switch-learner';
  return Math.abs(nowMs - active.lastScanWallMs) < REPEAT_SCAN_WINDOW_MS ? 'ignore-repeat' : 'same-learner';
}
