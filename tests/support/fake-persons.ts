/**
 * Fake persons with ID-card QR texts that pass validation: Quảng Ninh place code 022, the century and
 * gender digit matching the birth year and gender, and names built from common Vietnamese parts.
 * Deterministic per index, so benchmarks and tests can scan the same person twice.
 */
const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi'];
const MIDDLE_MALE = ['Văn', 'Đức', 'Minh', 'Quang'];
const MIDDLE_FEMALE = ['Thị', 'Thu', 'Ngọc', 'Hồng'];
const GIVEN = ['An', 'Bình', 'Cường', 'Dung', 'Hà', 'Lan', 'Mai', 'Nam', 'Phúc', 'Sơn', 'Tâm', 'Yến'];

export interface FakePerson {
  readonly id: string;
  readonly name: string;
  readonly birthYear: number;
  readonly gender: 'nam' | 'nu';
}

export function fakePerson(index: number): FakePerson {
  const isFemale = index % 2 === 1;
  const birthYear = 1945 + ((index * 7) % 60);
  const centuryDigit = (birthYear >= 2000 ? 2 : 0) + (isFemale ? 1 : 0);
  const serial = String(100_000 + ((index * 7919) % 900_000)).padStart(6, '0');
  const id = `022${centuryDigit}${String(birthYear % 100).padStart(2, '0')}${serial}`;
  const middle = (isFemale ? MIDDLE_FEMALE : MIDDLE_MALE)[index % 4] ?? 'Văn';
  const name = `${FAMILY[index % FAMILY.length]} ${middle} ${GIVEN[(index * 5) % GIVEN.length]}`;
  return { id, name, birthYear, gender: isFemale ? 'nu' : 'nam' };
}

/** The QR text of a fake person's 2021 chip ID card. */
export function fakeIdCardText(index: number): string {
  const person = fakePerson(index);
  const day = String(1 + (index % 28)).padStart(2, '0');
  const month = String(1 + (index % 12)).padStart(2, '0');
  return `${person.id}||${person.name}|${day}${month}${person.birthYear}|${person.gender === 'nu' ? 'Nữ' : 'Nam'}|Tổ ${1 + (index % 9)}, Phường Hạ Long, Quảng Ninh|01072021`;
}

/** A girl born in 2013 with a chip ID card (issued at any age since 2024): a pupil by age in 2026. */
export const PUPIL_CARD_TEXT = '022313123456||Lê Thu Hà|05062013|Nữ|Tổ 3, Phường Hạ Long, Quảng Ninh|01072024';
