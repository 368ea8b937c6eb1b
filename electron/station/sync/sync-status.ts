/**
 * The SyncStatus DTO (contract/dto.ts) the kiosk's maintenance screen shows, from the engine state
 * and what the database remembers (waiting events, the last receipt and when it came). Texts are
 * bilingual, Vietnamese first, because a volunteer reads them aloud to the city's help line.
 */
import type { Database } from 'better-sqlite3';
import type { SyncStatus } from '../../contract/dto';
import type { EngineState, StopReason, TransientFailure } from '../../core/sync/engine/engine-types';
import type { Enrolment } from '../keys/key-store';
import { countWaitingEvents } from '../store/sync-state';
import { receiptShortForm } from './station-crypto';

function describeStop(reason: StopReason): string {
  switch (reason.code) {
    case 'unauthorized':
      return 'Thành phố không nhận khoá của trạm (401): cần đăng ký lại. / The hub does not accept this station key (401): re-enrol.';
    case 'forbidden':
      return 'Thành phố từ chối trạm (403). / The hub refused this station (403).';
    case 'fork':
      return `Nhật ký khác với bản tỉnh đã nhận từ số ${reason.seq}: cần kỹ thuật viên. / The log differs from what the province holds at seq ${reason.seq} (fork): call a technician.`;
    case 'epoch':
      return `Kỳ nhật ký không khớp (trạm ${reason.localEpoch}, tỉnh ${reason.cityEpoch}): cần đăng ký lại. / Epoch mismatch (station ${reason.localEpoch}, province ${reason.cityEpoch}): re-enrol.`;
    case 'bad_request':
      return `Thành phố báo dữ liệu gửi lên sai: ${reason.detail} / The hub refused the request as malformed: ${reason.detail}`;
    case 'city_ahead':
      return `Thành phố đã có đến số ${reason.cityAckedSeq}, trạm chỉ có ${reason.localHeadSeq}: cơ sở dữ liệu có thể đã bị khôi phục. / The city holds seq ${reason.cityAckedSeq} but the station only ${reason.localHeadSeq}: the database may have been restored.`;
    case 'event_too_large':
      return `Sự kiện số ${reason.seq} quá lớn để gửi qua mạng: dùng USB (tram export). / Event ${reason.seq} is too large for HTTP: use a USB bundle (tram export).`;
    case 'bad_receipt':
      return 'Biên nhận của tỉnh không đúng chữ ký: kiểm tra địa chỉ máy chủ. / The province receipt signature is wrong: check the hub address.';
    case 'local_log':
      return `Nhật ký trên trạm bị lỗi: ${reason.detail} / The local log is damaged: ${reason.detail}`;
    case 'requested':
      return 'Đã dừng đồng bộ. / Sync stopped.';
  }
}

function describeFailure(failure: TransientFailure | null): string {
  if (failure === null) return 'Chờ mạng. / Waiting for the network.';
  switch (failure.type) {
    case 'network_error':
      return `Không kết nối được máy chủ của tỉnh, sẽ thử lại. / Cannot reach the hub, will retry (${failure.detail}).`;
    case 'timeout':
      return 'Mạng quá chậm, sẽ thử lại với gói nhỏ hơn. / The request timed out; retrying with a smaller batch.';
    case 'retry_later':
    case 'server_error':
      return `Máy chủ của tỉnh đang bận (${failure.status}), sẽ thử lại. / The hub is busy (${failure.status}); will retry.`;
    case 'bad_answer':
      return `Câu trả lời không phải của máy chủ của tỉnh (mạng có trang đăng nhập?), sẽ thử lại. / The answer did not come from the hub (captive portal?): ${failure.detail}`;
    case 'local_error':
      return `Trạm gặp lỗi khi ghi kết quả đồng bộ (ổ đĩa đầy?), sẽ thử lại. / The station failed while recording a sync answer (disk full?); will retry: ${failure.detail}`;
  }
}

/** How this station may reach its hub, from the config and the enrolment. */
export type HubSetting =
  | { readonly kind: 'network'; readonly url: string | null }
  | { readonly kind: 'usb_only' }
  | { readonly kind: 'mismatch'; readonly configured: string; readonly enrolled: string };

const sameHub = (a: string, b: string): boolean => a.replace(/\/+$/, '') === b.replace(/\/+$/, '');

/** `configured` undefined (the technician CLI, no config): the enrolment's hub. */
export function hubSetting(configured: string | null | undefined, enrolment: Enrolment | null): HubSetting {
  if (configured === null) return { kind: 'usb_only' };
  if (configured === undefined) return { kind: 'network', url: enrolment?.hubUrl ?? null };
  if (enrolment !== null && !sameHub(configured, enrolment.hubUrl)) return { kind: 'mismatch', configured, enrolled: enrolment.hubUrl };
  return { kind: 'network', url: configured };
}

/** The sync status of a station that has no hub configured (demo and not-yet-enrolled stations). */
export function notEnrolledStatus(waitingEvents: number): SyncStatus {
  return { state: 'not_enrolled', waitingEvents, lastSuccessMs: null, receiptShort: null, clockOffsetMs: null, detail: null, hubUrl: null };
}

interface AckRow {
  receipt: string | null;
  updated_wall_ms: number;
}

/** The status of an enrolled (or not) station running this engine state. */
export function describeSyncStatus(db: Database, enrolment: Enrolment | null, engine: EngineState, hub: HubSetting = { kind: 'network', url: enrolment?.hubUrl ?? null }): SyncStatus {
  const waitingEvents = db.open ? countWaitingEvents(db) : 0;
  const hubUrl = hub.kind === 'network' ? hub.url : hub.kind === 'mismatch' ? hub.configured : null;
  if (hub.kind === 'usb_only') return { ...notEnrolledStatus(waitingEvents), state: 'usb_only', detail: 'Trạm chỉ gửi dữ liệu qua USB (cấu hình "hub": null). / USB-only station (config "hub": null).' };
  if (enrolment === null) return { ...notEnrolledStatus(waitingEvents), hubUrl };
  const last = db.open
    ? db.prepare<[], AckRow>('SELECT receipt, updated_wall_ms FROM sync_state WHERE receipt IS NOT NULL ORDER BY epoch DESC LIMIT 1').get()
    : undefined;
  if (hub.kind === 'mismatch') {
    return {
      ...notEnrolledStatus(waitingEvents),
      state: 'stopped',
      hubUrl,
      detail: `Trạm đã đăng ký với ${hub.enrolled} nhưng cấu hình ghi ${hub.configured}: cần đăng ký lại. / Enrolled with ${hub.enrolled} but configured for ${hub.configured}: re-enrol.`,
    };
  }
  const base = {
    hubUrl,
    waitingEvents,
    lastSuccessMs: engine.lastSuccessMs ?? last?.updated_wall_ms ?? null,
    receiptShort: last?.receipt ? receiptShortForm(last.receipt) : null,
    clockOffsetMs: engine.clock?.offsetMs ?? null,
  };
  switch (engine.phase) {
    case 'idle':
      return { ...base, state: 'idle', detail: null };
    case 'fetching_cursor':
    case 'uploading':
      return { ...base, state: 'syncing', detail: null };
    case 'backing_off':
    case 'reloading':
      return { ...base, state: 'offline', detail: describeFailure(engine.lastFailure) };
    case 'stopped':
      return { ...base, state: 'stopped', detail: engine.stopReason ? describeStop(engine.stopReason) : null };
  }
}
