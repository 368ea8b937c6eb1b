/**
 * Typed failures of the scanning core. Messages never contain scanned data: they may be logged.
 */

export type ScanningErrorCode =
  | 'bad_report_length' // a report whose size does not match the layout
  | 'not_scan_report' // a HID-POS report that is not a Scanned Data Report (other report ID)
  | 'bad_data_length' // the Honeywell length byte claims more than 56 data bytes
  | 'truncated' // a multi-report scan stopped before its last report
  | 'overlong' // a scan larger than the configured cap
  | 'invalid_utf8' // the reassembled bytes are not UTF-8
  | 'empty_scan' // a final report that carries no data at all
  | 'bad_hex'; // a hex dump line that is not whole bytes

export type ScanningError = { readonly ok: false; readonly code: ScanningErrorCode; readonly message: string };

/** Builds a typed scanning failure. */
export function scanningError(code: ScanningErrorCode, message: string): ScanningError {
  return { ok: false, code, message };
}
