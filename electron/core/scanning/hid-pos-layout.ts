/**
 * Byte layouts of the HID-POS "Scanned Data Report" (usage page 0x8C), reference §2.3.
 *
 * honeywell-64: [0] report ID 0x02, [1] valid data bytes (0…56), [2–4] AIM symbology ID,
 *               [5–60] data (zero-padded), [61–62] vendor bytes, [63] flags, bit0 = more follow.
 * generic-61:   [0] report ID, [1–3] AIM symbology ID, [4–59] data (zero-padded, no length byte),
 *               [60] flags, bit0 = more follow. Without a length byte, a continued report is taken
 *               as full and trailing zero padding is trimmed from the last one (text never ends in NUL).
 */
import { scanningError, type ScanningError } from './scanning-error';

export type PosLayoutName = 'honeywell-64' | 'generic-61';

type PosLayout = {
  readonly reportLength: number;
  readonly symbologyOffset: number;
  readonly lengthOffset: number | null;
  readonly dataOffset: number;
  readonly flagsOffset: number;
};

export const POS_DATA_BYTES_PER_REPORT = 56;
export const POS_SCAN_REPORT_ID = 0x02;

const LAYOUTS: Readonly<Record<PosLayoutName, PosLayout>> = {
  'honeywell-64': { reportLength: 64, symbologyOffset: 2, lengthOffset: 1, dataOffset: 5, flagsOffset: 63 },
  'generic-61': { reportLength: 61, symbologyOffset: 1, lengthOffset: null, dataOffset: 4, flagsOffset: 60 },
};

/** The report size of a layout, in bytes including the report ID. */
export function posReportLength(layout: PosLayoutName): number {
  return LAYOUTS[layout].reportLength;
}

/** The layout whose report size is `length`, if any (for auto-detection). */
export function posLayoutForLength(length: number): PosLayoutName | undefined {
  if (length === LAYOUTS['honeywell-64'].reportLength) return 'honeywell-64';
  if (length === LAYOUTS['generic-61'].reportLength) return 'generic-61';
  return undefined;
}

/** One report's contribution to a scan. `data` is a copy, safe to keep. */
export type PosChunk = {
  readonly ok: true;
  readonly data: Uint8Array;
  readonly more: boolean;
  readonly symbology: Uint8Array;
};

/** Reads one report; refuses reports of the wrong size or report ID, or with an impossible length. */
export function readPosReport(report: Uint8Array, layoutName: PosLayoutName, reportId = POS_SCAN_REPORT_ID): PosChunk | ScanningError {
  const layout = LAYOUTS[layoutName];
  if (report.length !== layout.reportLength) {
    return scanningError('bad_report_length', `${layoutName} report must be ${layout.reportLength} bytes, got ${report.length}`);
  }
  if (report[0] !== reportId) {
    return scanningError('not_scan_report', `report ID ${report[0] ?? -1} is not a scanned-data report`);
  }
  const more = ((report[layout.flagsOffset] ?? 0) & 0x01) === 1;
  let length: number;
  if (layout.lengthOffset !== null) {
    length = report[layout.lengthOffset] ?? 0;
    if (length > POS_DATA_BYTES_PER_REPORT) {
      return scanningError('bad_data_length', `length byte ${length} exceeds ${POS_DATA_BYTES_PER_REPORT}`);
    }
  } else {
    length = POS_DATA_BYTES_PER_REPORT;
    if (!more) {
      while (length > 0 && report[layout.dataOffset + length - 1] === 0) length -= 1;
    }
  }
  return {
    ok: true,
    data: report.slice(layout.dataOffset, layout.dataOffset + length),
    more,
    symbology: report.slice(layout.symbologyOffset, layout.symbologyOffset + 3),
  };
}

export type EncodePosOptions = { readonly symbology?: string; readonly reportId?: number };

/**
 * Splits bytes into the byte-exact report sequence a scanner would send (for the simulator and
 * tests). An empty input still yields one report, as a scanner reporting an empty code would.
 */
export function encodePosReports(bytes: Uint8Array, layoutName: PosLayoutName, options: EncodePosOptions = {}): Uint8Array[] {
  const layout = LAYOUTS[layoutName];
  const symbology = options.symbology ?? ']Q1';
  const reports: Uint8Array[] = [];
  let offset = 0;
  do {
    const chunk = bytes.subarray(offset, offset + POS_DATA_BYTES_PER_REPORT);
    offset += chunk.length;
    const more = offset < bytes.length;
    const report = new Uint8Array(layout.reportLength);
    report[0] = options.reportId ?? POS_SCAN_REPORT_ID;
    if (layout.lengthOffset !== null) report[layout.lengthOffset] = chunk.length;
    for (let i = 0; i < 3; i += 1) report[layout.symbologyOffset + i] = symbology.charCodeAt(i) & 0xff;
    report.set(chunk, layout.dataOffset);
    report[layout.flagsOffset] = more ? 0x01 : 0x00;
    reports.push(report);
  } while (offset < bytes.length);
  return reports;
}
