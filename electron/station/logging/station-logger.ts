/**
 * The station's technical log: pino JSON lines in `<data>/logs/station.log`, for technicians. It
 * records what happened (codes, ids, counts) and never personal data: no names, no ID numbers, no QR
 * text, no learner keys. Every call site passes only such fields; the privacy test scans this file.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pino, { type Logger } from 'pino';

export type StationLogger = Pick<Logger, 'info' | 'warn' | 'error'> & { flush(): void };

/** A logger writing to the data folder (synchronously, so nothing is lost when the PC loses power). */
export function createStationLogger(dataDir: string): StationLogger {
  const dir = join(dataDir, 'logs');
  mkdirSync(dir, { recursive: true });
  const destination = pino.destination({ dest: join(dir, 'station.log'), sync: true, mkdir: true });
  const logger = pino({ base: null, timestamp: pino.stdTimeFunctions.isoTime, redact: { paths: ['text', 'name', 'payload', 'learnerKey', 'pin'], censor: '[redacted]' } }, destination);
  return { info: logger.info.bind(logger), warn: logger.warn.bind(logger), error: logger.error.bind(logger), flush: () => destination.flushSync() };
}

/** A logger that drops everything (tests that do not look at logs). */
export const silentLogger: StationLogger = { info: () => undefined, warn: () => undefined, error: () => undefined, flush: () => undefined } as unknown as StationLogger;
