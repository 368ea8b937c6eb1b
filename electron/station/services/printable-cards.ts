/**
 * QR cards the station prints: learner cards for people without an ID card, and volunteer cards. The
 * QR image is made on the station (the `qrcode` package) as SVG, so printing needs no network.
 */
import { randomBytes } from 'node:crypto';
import QRCode from 'qrcode';
import { formatLearnerCardPayload, newLearnerCardId } from '../../core/identity/index';
import type { PrintableCard } from '../../contract/dto';
import { internalError } from '../station-error';

export async function qrSvg(payload: string): Promise<string> {
  return QRCode.toString(payload, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
}

/** A fresh learner card: a random card id that becomes a learner key when first scanned. */
export async function newLearnerCard(stationName: string): Promise<PrintableCard> {
  const id = newLearnerCardId((length) => randomBytes(length));
  if (!id.ok) throw internalError(id.message);
  const payload = formatLearnerCardPayload(id.value);
  if (!payload.ok) throw internalError(payload.message);
  return learnerCardFor(payload.value, stationName);
}

export async function learnerCardFor(payload: string, stationName: string): Promise<PrintableCard> {
  const cardId = payload.split(':')[1] ?? '';
  return {
    label: { vi: 'THẺ HỌC VIÊN — Trạm Học Số', en: 'LEARNER CARD — Digital Learning Station' },
    qrSvg: await qrSvg(payload),
    caption: `${stationName} · ${cardId.slice(0, 4)}-${cardId.slice(4, 8)}-${cardId.slice(8, 12)}-${cardId.slice(12)}`,
  };
}

export async function volunteerCardFor(payload: string, label: string): Promise<PrintableCard> {
  return { label: { vi: `THẺ TÌNH NGUYỆN VIÊN — ${label}`, en: `VOLUNTEER CARD — ${label}` }, qrSvg: await qrSvg(payload), caption: 'Giữ kín thẻ này / Keep this card private' };
}
