/**
 * The report rules, stated once for the rollups kept at ingest (city/README.md "Rollups").
 *
 * A learner is a learner key seen in a `learner.registered` or `attendance.checkin` fact. Their ward
 * is the ward_code of their deciding registration — registrations with a ward code first, then the
 * latest hlc, then the lowest (station_id, epoch) and the highest seq — or, when that registration has
 * none (or there is none), the ward of the station of their first sighting (lowest hlc, station_id,
 * epoch, seq). Birth year and gender come from the deciding registration.
 *
 * A lesson counts once per (learner, lesson) passed (`lesson.completed` with `passed: true`), on the
 * day of the first pass (lowest hlc, station_id, epoch, seq) and in the learner's ward — the first
 * pass's station ward while the key has not been seen as a learner.
 *
 * Days are Vietnam calendar days (UTC+7) counted from 1970-01-01, taken from the milliseconds of the
 * event's hybrid logical clock (the station's own monotone clock), or its wall_ms when the hlc is
 * malformed. Text is compared byte-wise (UTF-8), as PostgreSQL's "C" collation does, so every hub
 * and the recompute in the tests break ties the same way.
 */
import { HLC_PATTERN } from '../../electron/core/sync/protocol/limits';
import { DAY_MS, vietnamDayNumber } from '../../electron/core/sync/protocol/vietnam-time';


/** The Vietnam calendar day (days since 1970-01-01, UTC+7) of an event. */
export function eventDay(hlc: string, wallMs: number): number {
  const ms = HLC_PATTERN.test(hlc) ? Number(hlc.slice(0, 13)) : wallMs;
  return vietnamDayNumber(ms);
}

/** ISO date (YYYY-MM-DD) of a day number from `eventDay`. */
export function dayIso(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Anything but printable ASCII takes the byte-wise path (correct for all text, only slower). */
const NON_ASCII = /[^ -~]/;

/** Byte-wise (UTF-8) order of two strings, as collation "C". */
export function compareText(a: string, b: string): number {
  if (!NON_ASCII.test(a) && !NON_ASCII.test(b)) return a < b ? -1 : a > b ? 1 : 0;
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** Where a fact sits in the hub's total order of events. */
export interface FactPosition {
  readonly hlc: string;
  readonly stationId: string;
  readonly epoch: number;
  readonly seq: number;
}

/** Ascending (hlc, station_id, epoch, seq): the first sighting and the first pass are the least. */
export function compareFirst(a: FactPosition, b: FactPosition): number {
  return compareText(a.hlc, b.hlc) || compareText(a.stationId, b.stationId) || a.epoch - b.epoch || a.seq - b.seq;
}

export interface Registration extends FactPosition {
  readonly wardCode: string | null;
  readonly birthYear: number | null;
  readonly gender: string | null;
}

/** Negative when `a` decides a learner's ward before `b` (ward code first, latest hlc, station, epoch, highest seq). */
export function compareRegistration(a: Registration, b: Registration): number {
  const aHasWard = a.wardCode !== null ? 0 : 1;
  const bHasWard = b.wardCode !== null ? 0 : 1;
  return aHasWard - bHasWard || compareText(b.hlc, a.hlc) || compareText(a.stationId, b.stationId) || a.epoch - b.epoch || b.seq - a.seq;
}

export interface Sighting extends FactPosition {
  readonly stationWard: string;
  readonly day: number;
}

/** What the hub knows of one learner key (one row of learner_rollup). */
export interface LearnerState {
  readonly learnerKey: string;
  readonly first: Sighting | null;
  readonly registration: Registration | null;
}

/** The learner's ward, or null while the key has not been seen as a learner. */
export function wardOf(state: LearnerState): string | null {
  if (state.first === null) return null;
  return state.registration?.wardCode ?? state.first.stationWard;
}

export interface LessonPass extends FactPosition {
  readonly learnerKey: string;
  readonly lessonId: string;
  readonly stationWard: string;
  readonly day: number;
}

/** The ward a pass counts in: its learner's ward, else its own station's ward. */
export function passWard(pass: LessonPass, learner: LearnerState | undefined): string {
  return (learner === undefined ? null : wardOf(learner)) ?? pass.stationWard;
}

/** Birth year as stored in ward_learner_profiles: 0 stands for unknown. */
export function profileOf(state: LearnerState): { birthYear: number; gender: string } {
  return { birthYear: state.registration?.birthYear ?? 0, gender: state.registration?.gender ?? 'unknown' };
}
