import type { Bilingual } from '../core/bilingual';
import { oneLine, type ErrorCode } from '../contract/result';

/**
 * An expected failure of a station service: a code from the contract's closed set the renderer can
 * act on, and a text in Vietnamese and English fit for a villager or a volunteer. Anything else a
 * handler throws is a bug and crosses IPC as `internal`.
 */
/** A station bug that should not happen (an invariant broken): the villager sees the same plain advice. */
export function internalError(detail: string): StationError {
  return new StationError('internal', { vi: 'Trạm gặp lỗi, hãy báo tình nguyện viên.', en: `The station hit an error (${detail}); tell a volunteer.` });
}

export class StationError extends Error {
  readonly code: ErrorCode;
  readonly text: Bilingual;

  constructor(code: ErrorCode, text: Bilingual, options?: { cause?: unknown }) {
    super(oneLine(text), options);
    this.name = 'StationError';
    this.code = code;
    this.text = text;
  }
}
