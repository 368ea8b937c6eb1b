import { StationError } from './station-error';

/** The `code` of an error-like value (SQLite, Node, our typed errors), or `fallback` when it has none. */
export function errorCode(error: unknown, fallback: string): string {
  return typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : fallback;
}

/** Rethrows any typed error as a StationError with the same code, so it reaches the kiosk's screen. */
export function asStationError(error: unknown, fallback: string): StationError {
  return error instanceof StationError ? error : new StationError(errorCode(error, fallback), error instanceof Error ? error.message : String(error));
}
