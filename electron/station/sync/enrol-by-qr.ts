/**
 * The hub's enrolment QR scanned on the sync screen (issue #17): it enrols only this station (its id)
 * with only its configured hub (the QR's origin); anything else is refused with a typed, bilingual
 * error before the hub is asked. The code inside is secret and is never logged or shown.
 */
import { originOf, parseEnrolQr } from '../../core/sync/protocol/enrol-qr';
import { StationError } from '../station-error';

export interface EnrolByQrDeps {
  readonly stationId: string;
  /** The config's `hub.url`; null for a USB-only station. */
  readonly hubUrl: string | null;
  readonly enrol: (code: string) => Promise<{ epoch: number }>;
}

export function enrolByQr(deps: EnrolByQrDeps): (text: string) => Promise<{ epoch: number }> {
  return async (text) => {
    const parsed = parseEnrolQr(text);
    if (!parsed.ok) {
      throw new StationError('enrol_qr_malformed', { vi: 'Mã QR ghi danh bị hỏng, hãy quét lại hoặc gõ mã.', en: 'The enrolment QR is damaged; scan again or type the code.' });
    }
    const hubOrigin = deps.hubUrl === null ? null : originOf(deps.hubUrl);
    if (hubOrigin === null || hubOrigin !== parsed.value.origin) {
      throw new StationError('enrol_qr_other_hub', {
        vi: `Mã QR này của máy chủ ${parsed.value.origin}, không phải máy chủ của trạm (${hubOrigin ?? 'chỉ USB'}).`,
        en: `This QR is for hub ${parsed.value.origin}, not this station's (${hubOrigin ?? 'USB only'}).`,
      });
    }
    if (parsed.value.stationId !== deps.stationId) {
      throw new StationError('enrol_qr_other_station', {
        vi: `Mã QR này dành cho trạm ${parsed.value.stationId}, đây là trạm ${deps.stationId}.`,
        en: `This QR is for station ${parsed.value.stationId}; this is ${deps.stationId}.`,
      });
    }
    const result = await deps.enrol(parsed.value.code);
    return { epoch: result.epoch };
  };
}
