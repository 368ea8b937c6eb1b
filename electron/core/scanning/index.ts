/** Public surface of the scanning core: report codecs, HID-POS reassembly, wedge burst detection. */
export { BOOT_REPORT_LENGTH, BootKeyboardDecoder, decodeKeyboardReports, encodeKeyboardReports, type KeyboardPushResult } from './boot-keyboard';
export { formatHexReports, parseHexReports, type HexReportsResult, type TimedReport } from './hex-reports';
export {
  DEFAULT_MAX_SCAN_BYTES,
  DEFAULT_POS_TIMEOUT_MS,
  HidPosAssembler,
  type PosAssemblerOptions,
  type PosError,
  type PosFlushResult,
  type PosPushResult,
  type PosScan,
} from './hid-pos-assembler';
export {
  encodePosReports,
  POS_DATA_BYTES_PER_REPORT,
  POS_SCAN_REPORT_ID,
  posLayoutForLength,
  posReportLength,
  readPosReport,
  type EncodePosOptions,
  type PosLayoutName,
} from './hid-pos-layout';
export { characterForUsage, strokeForCharacter, type KeyStroke } from './keyboard-usages';
export { scanningError, type ScanningError, type ScanningErrorCode } from './scanning-error';
export { decodeUtf8Strict, encodeUtf8 } from './utf8';
export { detectWedgeScans, WedgeBurstDetector, type WedgeKeyEvent, type WedgeOptions, type WedgeResult } from './wedge-burst';
