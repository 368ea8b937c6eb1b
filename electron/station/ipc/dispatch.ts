/**
 * The one gate every command passes, in Electron's main process and in the web host alike: the name
 * must be in the contract, the argument must fit under the size cap and match its zod schema, a
 * volunteer-only command needs a signed-in volunteer (the contract's `volunteerOnly`, checked here and
 * nowhere else), and the handler's failure becomes a typed result. A refused message never reaches a
 * handler, so it changes nothing.
 */
import type { z } from 'zod';
import { commandSpecs, isCommandName } from '../../contract/commands';
import type { KioskHandlers } from '../../contract/kiosk-api';
import { fail, MAX_MESSAGE_BYTES, ok, type Result } from '../../contract/result';
import { StationError } from '../station-error';

export type Dispatch = (command: unknown, input: unknown) => Promise<Result<unknown>>;

export interface DispatchOptions {
  /** Called with handler bugs (never with validation failures, which are the caller's fault). */
  readonly onInternalError?: (command: string, error: unknown) => void;
  /**
   * Throws a StationError unless a volunteer is signed in (and keeps their session alive). Without
   * it every volunteer-only command is refused: the safe default.
   */
  readonly volunteerGate?: () => void;
}

const noVolunteer = (): void => {
  throw new StationError('forbidden', { vi: 'Cần tình nguyện viên đăng nhập', en: 'A volunteer must sign in' });
};

function serialisedSize(input: unknown): number {
  try {
    return JSON.stringify(input ?? null).length;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.length > 0 ? issue.path.join('.') : 'input';
  return `${path}: ${issue.message}`;
}

/** Builds the dispatcher for a set of handlers. */
export function createDispatch(handlers: KioskHandlers, options: DispatchOptions = {}): Dispatch {
  return async (command, input) => {
    if (!isCommandName(command)) return fail('unknown_command', { vi: 'Lệnh không có trong trạm.', en: `Unknown command: ${String(command).slice(0, 80)}` });
    if (serialisedSize(input) > MAX_MESSAGE_BYTES) return fail('too_large', { vi: 'Dữ liệu gửi lên quá lớn.', en: `Argument of ${command} exceeds ${MAX_MESSAGE_BYTES} bytes` });
    const parsed = commandSpecs[command].input.safeParse(input ?? {});
    if (!parsed.success) return fail('bad_request', { vi: 'Dữ liệu gửi lên không hợp lệ.', en: parsed.error.issues.map(describeIssue).join('; ') });
    try {
      if (commandSpecs[command].volunteerOnly) (options.volunteerGate ?? noVolunteer)();
      const handler = handlers[command] as (arg: unknown) => Promise<unknown>;
      return ok(await handler(parsed.data));
    } catch (error) {
      if (error instanceof StationError) return fail(error.code, error.text);
      options.onInternalError?.(command, error);
      return fail('internal', { vi: 'Trạm gặp lỗi, hãy báo tình nguyện viên.', en: `Internal error in ${command}` });
    }
  };
}
