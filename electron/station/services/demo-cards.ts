/**
 * Sample cards for demo mode: fake persons whose QR texts follow the real card layout (valid 12-digit
 * numbers for their birth year and gender, Quảng Ninh place code 022), plus a learner card and two
 * things people wrongly scan. They are played as byte-exact HID-POS reports through the real decode
 * path, so a demo exercises exactly what a scanner would.
 */
import type { DemoCard } from '../../contract/dto';

interface DemoCardData extends DemoCard {
  readonly qrText: string;
}

const DEMO_CARDS: readonly DemoCardData[] = [
  {
    id: 'an-1958',
    label: { vi: 'Ông Nguyễn Văn An (1958)', en: 'Mr Nguyễn Văn An (1958)' },
    description: { vi: 'Thẻ căn cước gắn chip 2021', en: '2021 chip ID card' },
    qrText: '022058001234|100234567|Nguyễn Văn An|12031958|Nam|Tổ 5, Khu 3, Phường Hạ Long, Quảng Ninh|01072021',
  },
  {
    id: 'binh-1962',
    label: { vi: 'Bà Trần Thị Bình (1962)', en: 'Mrs Trần Thị Bình (1962)' },
    description: { vi: 'Thẻ căn cước 2024', en: '2024 ID card' },
    qrText: '022162004567||Trần Thị Bình|05111962|Nữ|Tổ 2, Khu 6, Phường Bãi Cháy, Quảng Ninh|15082024|Trần Văn Cả|Lê Thị Dung',
  },
  {
    id: 'chau-2001',
    label: { vi: 'Chị Lê Minh Châu (2001)', en: 'Ms Lê Minh Châu (2001)' },
    description: { vi: 'Thẻ căn cước gắn chip 2021', en: '2021 chip ID card' },
    qrText: '022301007890||Lê Minh Châu|23092001|Nữ|Tổ 1, Khu 1, Phường Hồng Gai, Quảng Ninh|10102021',
  },
  {
    id: 'learner-card',
    label: { vi: 'Thẻ học viên của trạm', en: 'Station learner card' },
    description: { vi: 'Cho người chưa có thẻ căn cước', en: 'For people without an ID card' },
    qrText: 'TRAMHS1:DEMOCARDAAAAAAAA',
  },
  {
    id: 'payment-qr',
    label: { vi: 'Mã QR chuyển khoản (quét nhầm)', en: 'Bank payment QR (wrong code)' },
    description: { vi: 'Trạm sẽ báo không phải thẻ căn cước', en: 'The station says it is not an ID card' },
    qrText: '00020101021138570010A00000072701270006970436011300123456789020208QRIBFTTA53037045802VN6304ABCD',
  },
];

/** The cards shown on the demo panel (no QR text: that stays on the station side). */
export function listDemoCards(): DemoCard[] {
  return DEMO_CARDS.map(({ id, label, description }) => ({ id, label, description }));
}

/** The QR text of a sample card, or null for an unknown id. */
export function demoCardText(id: string): string | null {
  return DEMO_CARDS.find((card) => card.id === id)?.qrText ?? null;
}
