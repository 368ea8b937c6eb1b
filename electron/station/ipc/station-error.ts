import type { CommandError } from '../../contract/result';

/**
 * An expected failure of a station service, with a code the renderer can act on and a message fit
 * for a volunteer. Anything else thrown by a handler is a bug and crosses IPC as `internal`.
 */
export class StationError extends Error {
  readonly code: CommandError['code'];

  constructor(code: CommandError['code'], message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StationError';
    this.code = code;
  }
}
