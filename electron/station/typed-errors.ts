/**
 * The typed errors of the station's adapters (sync, enrolment, USB bundles, reports, the key store)
 * reach the kiosk as StationErrors of the contract's closed set, each with Vietnamese text a
 * volunteer can act on and the adapter's own English detail.
 */
import type { ReportErrorCode } from '../core/reports/report-error';
import type { ErrorCode, SyncErrorCode } from '../contract/result';
import { StationError } from './station-error';

/** The `code` of an error-like value (SQLite, Node, our typed errors), or `fallback` when it has none. */
export function errorCode(error: unknown, fallback: string): string {
  return typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : fallback;
}

const SYNC_TEXTS: Readonly<Record<SyncErrorCode, string>> = {
  not_enrolled: 'Trạm chưa đăng ký với tỉnh.',
  enrolment_refused: 'Thành phố không nhận mã đăng ký này (sai, đã dùng hoặc hết hạn): hãy xin mã mới.',
  epoch_conflict: 'Thành phố đang giữ một lịch sử khác cho mã trạm này (trạm bị sao chép?): cần kỹ thuật viên.',
  city_key_changed: 'Máy chủ của tỉnh trả lời bằng một khoá khác trước: không đổi gì. Cần kỹ thuật viên kiểm tra.',
  hub_unreachable: 'Chưa kết nối được máy chủ của tỉnh, hãy thử lại sau.',
  hub_bad_answer: 'Máy chủ của tỉnh trả lời không đúng, hãy báo kỹ thuật viên.',
  station_mismatch: 'Mã trạm trong cấu hình khác với mã đã đăng ký: cần kỹ thuật viên.',
  events_missing: 'Nhật ký trên trạm thiếu bản ghi: cần kỹ thuật viên.',
  chain_broken: 'Nhật ký trên trạm bị sửa hoặc hỏng: cần kỹ thuật viên.',
  nothing_to_export: 'Không có gì mới để ghi ra USB: tỉnh đã nhận đủ.',
  bad_argument: 'Thông tin nhập chưa đúng.',
};

const REPORT_TEXTS: Readonly<Record<ReportErrorCode, string>> = {
  unknown_period: 'Kỳ báo cáo không hợp lệ.',
  bad_time: 'Đồng hồ của máy bị lỗi.',
  bad_dir: 'Không thấy thư mục lưu, hãy cắm lại USB.',
  bad_station_id: 'Mã trạm không dùng được trong tên tệp.',
  write_failed: 'Không ghi được tệp (ổ đầy, hay tệp đang mở trong Excel?).',
};

const OTHER_TEXTS: Readonly<Partial<Record<ErrorCode, string>>> = {
  key_store_invalid: 'Tệp khoá của trạm bị hỏng: cần kỹ thuật viên.',
  storage_full: 'Ổ đĩa đã đầy, chưa lưu được. Hãy báo tình nguyện viên.',
};

function vietnameseFor(code: string): string | undefined {
  return (SYNC_TEXTS as Record<string, string>)[code] ?? (REPORT_TEXTS as Record<string, string>)[code] ?? (OTHER_TEXTS as Record<string, string>)[code];
}

/**
 * A StationError for any typed error, keeping its code when the contract knows it (`fallback`
 * otherwise) and its message as the English detail. Never loses the Vietnamese.
 */
export function asStationError(error: unknown, fallback: ErrorCode): StationError {
  if (error instanceof StationError) return error;
  const code = errorCode(error, fallback);
  const vi = vietnameseFor(code);
  const detail = error instanceof Error ? error.message : String(error);
  if (vi === undefined) return new StationError(fallback, { vi: 'Không làm được, hãy báo kỹ thuật viên.', en: detail });
  return new StationError(code as ErrorCode, { vi, en: detail });
}
