/**
 * What the villager reads when a scan cannot be used: what happened and what to do next, in plain
 * Vietnamese first. Keyed by the typed error codes of core/identity and core/scanning.
 */
import type { Bilingual } from '../../contract/dto';

const TRY_AGAIN: Bilingual = {
  vi: 'Máy chưa đọc được thẻ. Bác hãy giữ mặt sau thẻ (có mã QR) yên trước máy quét khoảng 2 giây rồi thử lại.',
  en: 'The card could not be read. Hold the back of the card (with the QR code) still in front of the scanner for about 2 seconds and try again.',
};

const MESSAGES: Record<string, Bilingual> = {
  not_id_card: {
    vi: 'Đây không phải mã QR trên thẻ căn cước. Bác hãy quét mã QR ở mặt sau thẻ căn cước, hoặc hỏi tình nguyện viên.',
    en: 'This is not the QR code of a citizen ID card. Scan the QR code on the back of the ID card, or ask a volunteer.',
  },
  id_birth_mismatch: {
    vi: 'Thông tin trên thẻ không khớp nhau nên trạm không dùng được. Bác hãy nhờ tình nguyện viên giúp.',
    en: 'The details on the card do not agree with each other, so the station cannot use it. Please ask a volunteer.',
  },
  id_gender_mismatch: {
    vi: 'Thông tin trên thẻ không khớp nhau nên trạm không dùng được. Bác hãy nhờ tình nguyện viên giúp.',
    en: 'The details on the card do not agree with each other, so the station cannot use it. Please ask a volunteer.',
  },
  too_long: {
    vi: 'Mã vừa quét quá dài, không phải thẻ căn cước. Bác hãy quét lại đúng mã QR trên thẻ.',
    en: 'The code is far too long to be an ID card. Please scan the QR code on the card.',
  },
  card_unknown: {
    vi: 'Thẻ học viên này chưa được đăng ký ở trạm. Bác hãy hỏi tình nguyện viên.',
    en: 'This learner card is not registered at the station. Please ask a volunteer.',
  },
};

/** The message for a rejection code; a readable "try again" for anything unexpected. */
export function rejectionMessage(code: string): Bilingual {
  return MESSAGES[code] ?? TRY_AGAIN;
}
