/**
 * Typed failures of the reports: bad input from a volunteer's command line or a caller's bug. The
 * messages are bilingual where a volunteer may read them, and never carry a name: a report error can
 * end up in a log or a support chat.
 */

export type ReportErrorCode =
  | 'unknown_period' // not one of today, week, month
  | 'bad_time' // a "now" that is not a finite number of milliseconds
  | 'bad_dir' // an export folder that does not exist or is not a folder
  | 'bad_station_id' // a station id that cannot be part of a file name
  | 'write_failed'; // the export file could not be written (disk full, file open in Excel, …)

export class ReportError extends Error {
  override readonly name = 'ReportError';
  constructor(
    readonly code: ReportErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Refuses NaN and ±Infinity: a broken clock must fail loudly, not produce an empty report. */
export function assertFiniteTime(nowMs: number): void {
  if (!Number.isFinite(nowMs)) throw new ReportError('bad_time', 'now must be a finite number of milliseconds');
}
