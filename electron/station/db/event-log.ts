/**
 * The only writer of the attendance log. Every user action becomes one transaction that appends its
 * events (hash-chained, gapless) together with the derived rows (visits, progress, groups) the caller
 * writes in `alsoWrite`: either all of it is on disk or none of it is.
 */
import type { Database, Statement } from 'better-sqlite3';
import { detectClockJump, type ClockReading } from '../../core/log/clock-jump';
import { buildEvents, type ChainHead } from '../../core/log/event-builder';
import { parseHlc } from '../../core/log/hlc';
import { ZERO_HASH, type ChainedEvent, type Sha256Hex } from '../../core/sync/protocol/event-hash';
import { checkEventPayload, type NewEvent } from '../../core/sync/protocol/event-payloads';
import { errorCode } from '../typed-errors';
import { internalError, StationError } from '../station-error';

export interface LogClock {
  readonly wallMs: () => number;
  readonly monoMs: () => number;
}

export interface EventLogOptions {
  readonly stationId: string;
  readonly bootId: string;
  readonly clock: LogClock;
  readonly newEventId: () => string;
  readonly sha256Hex: Sha256Hex;
  /**
   * The newest epoch the city has opened for this data folder (keys.json). A new local epoch is
   * numbered above it, so a database restored from an old backup never reuses a number the city
   * already holds with other events (docs/PROTOCOL.md §9).
   */
  readonly cityEpoch?: number;
}

export interface StartEpochOptions {
  /** The start hash the city gave this epoch (re-enrolment); otherwise the last acknowledged hash. */
  readonly startHash?: string;
}

interface EpochRow {
  epoch: number;
  station_id: string;
  head_seq: number;
  head_hash: string;
  head_hlc: string | null;
}

export class EventLog {
  readonly #db: Database;
  readonly #options: EventLogOptions;
  readonly #insert: Statement;
  readonly #readHead: Statement<[], EpochRow>;
  #lastReading: ClockReading | null = null;
  readonly #appended = new Set<() => void>();

  constructor(db: Database, options: EventLogOptions) {
    this.#db = db;
    this.#options = options;
    this.#insert = db.prepare(
      `INSERT INTO events (epoch, seq, event_id, kind, payload, wall_ms, hlc, boot_id, mono_ms, prev_hash, hash)
       VALUES (@epoch, @seq, @event_id, @kind, @payload, @wall_ms, @hlc, @boot_id, @mono_ms, @prev_hash, @hash)`,
    );
    this.#readHead = db.prepare('SELECT epoch, station_id, head_seq, head_hash, head_hlc FROM epochs ORDER BY epoch DESC LIMIT 1');
    if (!this.#readHead.get()) this.startEpoch('first-start');
  }

  /** The head of the current epoch, as committed. */
  head(): ChainHead {
    const row = this.#readHead.get();
    if (!row) throw internalError('the log has no epoch');
    return { stationId: row.station_id, epoch: row.epoch, seq: row.head_seq, hash: row.head_hash, hlc: row.head_hlc ? parseHlc(row.head_hlc) : null };
  }

  /**
   * Starts a new epoch (first start, restored or copied database, re-enrolment). Its start hash is a
   * point the city confirmed: the one it gave (re-enrolment), else the newest acknowledged hash of any
   * epoch, else the newest epoch's own start — never the zero hash once anything was confirmed, so
   * history cannot be silently rewritten and the city holds the hash the new chain hangs from.
   */
  startEpoch(reason: string, options: StartEpochOptions = {}): number {
    return this.#db.transaction(() => {
      const last = this.#readHead.get();
      const acked = this.#db.prepare<[], { acked_hash: string }>('SELECT acked_hash FROM sync_state ORDER BY epoch DESC LIMIT 1').get();
      const lastStart = this.#db.prepare<[], { start_hash: string }>('SELECT start_hash FROM epochs ORDER BY epoch DESC LIMIT 1').get();
      const epoch = Math.max(last?.epoch ?? 0, this.#options.cityEpoch ?? 0) + 1;
      const startHash = options.startHash ?? acked?.acked_hash ?? lastStart?.start_hash ?? ZERO_HASH;
      this.#db
        .prepare('INSERT INTO epochs (epoch, station_id, start_hash, head_seq, head_hash, head_hlc, started_wall_ms, reason) VALUES (?, ?, ?, 0, ?, ?, ?, ?)')
        .run(epoch, this.#options.stationId, startHash, startHash, last?.head_hlc ?? null, Math.floor(this.#options.clock.wallMs()), reason);
      return epoch;
    })();
  }

  /** Calls `listener` after every committed append (e.g. to wake the uploader); returns an unsubscribe. */
  onAppended(listener: () => void): () => void {
    this.#appended.add(listener);
    return () => this.#appended.delete(listener);
  }

  #notifyAppended(): void {
    for (const listener of this.#appended) {
      try {
        listener();
      } catch {
        // A listener's failure must never look like a failed write: the events are committed.
      }
    }
  }

  /**
   * Appends `events` and runs `alsoWrite` in one transaction. Refuses invalid payloads before the
   * transaction; a full disk becomes a `storage_full` error with nothing written.
   */
  append<T = void>(events: readonly NewEvent[], alsoWrite?: (db: Database, rows: readonly ChainedEvent[]) => T): { rows: ChainedEvent[]; result: T | undefined } {
    for (const event of events) {
      const check = checkEventPayload(event.kind, event.payload);
      if (!check.ok) throw new StationError('bad_request', { vi: 'Trạm không ghi được bản ghi này.', en: `${event.kind}: ${check.reason}` });
    }
    const reading: ClockReading = { wallMs: this.#options.clock.wallMs(), monoMs: this.#options.clock.monoMs(), bootId: this.#options.bootId };
    const jump = detectClockJump(this.#lastReading, reading);
    const all: NewEvent[] = jump ? [{ kind: 'clock.jump', payload: { from_ms: jump.fromMs, to_ms: jump.toMs } }, ...events] : [...events];
    try {
      const outcome = this.#db.transaction(() => {
        const { rows } = buildEvents(this.head(), all, { ...reading, newEventId: this.#options.newEventId, sha256Hex: this.#options.sha256Hex });
        const epoch = this.head().epoch;
        for (const row of rows) this.#insert.run({ epoch, ...row });
        const result = alsoWrite ? alsoWrite(this.#db, rows) : undefined;
        return { rows, result };
      })();
      this.#lastReading = reading;
      this.#notifyAppended();
      return outcome;
    } catch (error) {
      if (errorCode(error, '') === 'SQLITE_FULL') {
        throw new StationError('storage_full', { vi: 'Ổ đĩa đã đầy, chưa lưu được. Hãy báo tình nguyện viên.', en: 'The disk is full; nothing was saved.' }, { cause: error });
      }
      throw error;
    }
  }
}
