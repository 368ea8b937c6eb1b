/**
 * Which epoch the upload engine works on. The oldest closed epoch with undelivered events comes
 * first (docs/PROTOCOL.md §9): its tail was written before a re-enrolment or a restore and must reach
 * the city before the engine moves on. Then the current epoch, which keeps growing.
 */
import type { AckBelief, ClosedEpoch, EngineState } from './engine-types';

export interface UploadTarget {
  readonly epoch: number;
  /** The local head of that epoch. */
  readonly headSeq: number;
  readonly acked: AckBelief | null;
  /** True for an older epoch: the city may hold more of it than this copy of the log does. */
  readonly closed: boolean;
}

/** The epoch to work on now. */
export function currentTarget(state: EngineState): UploadTarget {
  const first = state.closed[0];
  if (first !== undefined) return { epoch: first.epoch, headSeq: first.seq, acked: first.acked, closed: true };
  return { epoch: state.local.epoch, headSeq: state.local.seq, acked: state.acked, closed: false };
}

/** The state with the target's acknowledged belief replaced. */
export function withTargetAck(state: EngineState, acked: AckBelief): EngineState {
  const [first, ...rest] = state.closed;
  if (first === undefined) return { ...state, acked };
  return { ...state, closed: [{ ...first, acked }, ...rest] };
}

/** The state after the closed epoch at the head of the list was delivered in full. */
export function withoutFirstClosed(state: EngineState): EngineState {
  return { ...state, closed: state.closed.slice(1) };
}

/**
 * The closed epochs to visit, oldest first. The driver lists those with events past the
 * acknowledgement and those whose events it still holds: a visit to a delivered one costs one cursor
 * and catches a city that restored a backup and lost part of it since.
 */
export function pendingClosed(closed: readonly ClosedEpoch[] | undefined, currentEpoch: number): ClosedEpoch[] {
  return (closed ?? []).filter((epoch) => epoch.epoch < currentEpoch).sort((a, b) => a.epoch - b.epoch);
}
