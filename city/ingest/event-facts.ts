/**
 * Turns a stored event into flags (docs/PROTOCOL.md §5 "stored and flagged, never refused") and, for the
 * kinds reports read, a fact row. A learner key is taken whenever it is well-formed, even if another
 * payload field is wrong: the person was still reached.
 */
import { flagPayload } from '../../electron/core/sync/protocol/payload-flags';
import { HEX64_PATTERN, HLC_PATTERN } from '../../electron/core/sync/protocol/limits';
import { isProtocolEventId } from '../../electron/core/sync/protocol/wire-schemas';
import type { ChainedEvent } from '../../electron/core/sync/protocol/event-hash';
import type { EventFact, EventToStore } from '../store/event-store';

const FACT_KINDS = new Set(['learner.registered', 'attendance.checkin', 'lesson.completed', 'learner.erased', 'learner.rekeyed']);

/**
 * Where the hub's province ends (issue #20): a registration naming a ward outside it (or a code the
 * units list does not know) is stored, flagged `ward_outside_province`, and counted in the ward of
 * the station that sent it — a station reports only into wards of its own province.
 */
export interface ProvinceWards {
  readonly stationWard: string;
  isProvinceWard(code: string): boolean;
}

/** Flags and report facts of one event about to be stored; `province` absent: no ward check. */
export function examineEvent(event: ChainedEvent, province?: ProvinceWards): { stored: EventToStore; fact: EventFact | null } {
  const check = flagPayload(event.kind, event.payload);
  const flags = [...check.flags];
  if (!isProtocolEventId(event.event_id)) flags.push('event_id_not_uuid_v4_v7');
  if (!HLC_PATTERN.test(event.hlc)) flags.push('hlc_format');
  const stored: EventToStore = { ...event, flags };
  if (!FACT_KINDS.has(event.kind) || check.parsed === null || typeof check.parsed !== 'object' || Array.isArray(check.parsed)) {
    return { stored, fact: null };
  }
  const payload = check.parsed as Record<string, unknown>;
  let wardCode = pick(payload.ward_code, (v): v is string => typeof v === 'string' && /^[A-Za-z0-9-]{1,40}$/.test(v));
  if (wardCode !== null && province !== undefined && !province.isProvinceWard(wardCode)) {
    flags.push('ward_outside_province');
    wardCode = province.stationWard;
  }
  const fact: EventFact = {
    seq: event.seq,
    kind: event.kind,
    hlc: event.hlc,
    learnerKey: pick(payload.learner_key, (v): v is string => typeof v === 'string' && HEX64_PATTERN.test(v)),
    birthYear: pick(payload.birth_year, (v): v is number => Number.isInteger(v) && (v as number) >= 1900 && (v as number) <= 2200),
    gender: pick(payload.gender, (v): v is string => v === 'nam' || v === 'nu'),
    wardCode,
    lessonId: pick(payload.lesson_id, (v): v is string => typeof v === 'string' && v.length > 0 && v.length <= 200 && !v.includes('\u0000')),
    passed: pick(payload.passed, (v): v is boolean => typeof v === 'boolean'),
    previousKey: pick(payload.previous_key, (v): v is string => typeof v === 'string' && HEX64_PATTERN.test(v)),
  };
  return { stored, fact };
}

function pick<T>(value: unknown, isValid: (value: unknown) => value is T): T | null {
  return isValid(value) ? value : null;
}
