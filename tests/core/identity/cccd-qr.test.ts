import { describe, expect, it } from 'vitest';
import { MAX_QR_LENGTH, parseCccdQr, type CccdIdentity } from '../../../electron/core/identity/cccd-qr';

// All persons are FAKE (reference §1.3).
const NOW = Date.UTC(2026, 2, 1);
const SEVEN = '079195000000|025000000|Nguyễn Thị Mẫu|01011995|Nữ|Số 1 Đường Thử Nghiệm, Phường Mẫu, TP. Hồ Chí Minh|15042021';
const EMPTY_OLD = '001203000000||Trần Văn Thử|20052003|Nam|Thôn Giả Định, Xã Ví Dụ, Huyện Mẫu, Hà Nội|10072021';

function parsed(text: string, nowMs = NOW): CccdIdentity {
  const result = parseCccdQr(text, { nowMs });
  if (!result.ok) throw new Error(`expected success, got ${result.code}`);
  return result.value;
}

function code(text: string, nowMs = NOW): string {
  const result = parseCccdQr(text, { nowMs });
  return result.ok ? 'ok' : result.code;
}

describe('parseCccdQr layouts', () => {
  it('reads the 7-field 2021 layout into the result type', () => {
    expect(parsed(SEVEN)).toEqual({
      id: '079195000000',
      oldId: '025000000',
      name: 'Nguyễn Thị Mẫu',
      birthDate: '1995-01-01',
      gender: 'nu',
      address: 'Số 1 Đường Thử Nghiệm, Phường Mẫu, TP. Hồ Chí Minh',
      issueDate: '2021-04-15',
      warnings: [],
    });
  });

  it('maps an empty old-ID field to null', () => {
    const card = parsed(EMPTY_OLD);
    expect(card.oldId).toBeNull();
    expect(card.gender).toBe('nam');
    expect(card.name).toBe('Trần Văn Thử');
  });

  it('accepts the 6-field variant without old ID and says so', () => {
    const card = parsed('001203000000|Trần Văn Thử|20052003|Nam|Thôn Giả Định, Hà Nội|10072021');
    expect(card).toMatchObject({ id: '001203000000', oldId: null, name: 'Trần Văn Thử', birthDate: '2003-05-20', issueDate: '2021-07-10' });
    expect(card.warnings).toEqual(['six_field_layout']);
  });

  it('keeps 2024 trailing fields (parents, cancelled IDs) out of the result', () => {
    const card = parsed('001312000000||Lê Thị Bé|03032012|Nữ|Xã Ví Dụ, Hà Nội|05082024|Lê Văn Giả|Phạm Thị Mẫu|001312999999');
    expect(JSON.stringify(card)).not.toContain('Giả');
    expect(JSON.stringify(card)).not.toContain('001312999999');
    expect(card.warnings).toEqual(['extra_fields_ignored']);
    expect(Object.keys(card).sort()).toEqual(['address', 'birthDate', 'gender', 'id', 'issueDate', 'name', 'oldId', 'warnings']);
  });

  it('splits on | only, so commas stay inside the address', () => {
    expect(parsed(SEVEN).address.split(',')).toHaveLength(3);
  });

  it('accepts a 12-digit old ID and refuses letters in field 2 of a 7-field payload', () => {
    expect(parsed(SEVEN.replace('|025000000|', '|079095000000|')).oldId).toBe('079095000000');
    expect(code(SEVEN.replace('|025000000|', '|02500000|'))).toBe('bad_layout'); // 8 digits: no old-ID form
  });

  it('needs at least 6 fields', () => {
    expect(code('079195000000|025000000|Nguyễn Thị Mẫu|01011995|Nữ')).toBe('field_count');
  });

  it('treats a missing issue date as null with a warning', () => {
    const card = parsed('079195000000|025000000|Nguyễn Thị Mẫu|01011995|Nữ|Số 1|');
    expect(card.issueDate).toBeNull();
    expect(card.warnings).toContain('issue_date_missing');
  });
});

describe('parseCccdQr cleaning', () => {
  it('strips CR/LF/TAB, a BOM and an AIM prefix', () => {
    expect(parsed(`\uFEFF]Q1${SEVEN}\r\n\t`).id).toBe('079195000000');
  });

  it('normalises to NFC', () => {
    const card = parsed(SEVEN.normalize('NFD'));
    expect(card.name).toBe('Nguyễn Thị Mẫu'.normalize('NFC'));
    expect(card.name.length).toBe(14);
    expect(card.gender).toBe('nu');
  });

  it('accepts dd/mm/yyyy dates', () => {
    const card = parsed(SEVEN.replace('01011995', '01/01/1995').replace('15042021', '15/04/2021'));
    expect([card.birthDate, card.issueDate]).toEqual(['1995-01-01', '2021-04-15']);
  });

  it('accepts upper-case gender and collapses runs of spaces in the name', () => {
    const card = parsed(SEVEN.replace('|Nữ|', '|NỮ|').replace('Nguyễn Thị', 'Nguyễn   Thị'));
    expect(card.gender).toBe('nu');
    expect(card.name).toBe('Nguyễn Thị Mẫu');
  });
});

describe('parseCccdQr validation', () => {
  it('refuses empty and whitespace-only input', () => {
    expect(code('')).toBe('empty');
    expect(code('\r\n\t ')).toBe('empty');
  });

  it(`refuses input above ${MAX_QR_LENGTH} characters`, () => {
    expect(code(`${SEVEN}|${'x'.repeat(MAX_QR_LENGTH)}`)).toBe('too_long');
    expect(code(SEVEN.padEnd(MAX_QR_LENGTH, ' '))).toBe('ok');
  });

  it('refuses URLs, payment codes, JSON and labelled formats as not_id_card', () => {
    for (const text of ['https://example.vn/a|b|c|d|e|f', '00020101021138570010A000000727|||||', '{"id":"079195000000"}', 'CCCD:079195000000|CMND:025000000', 'hello']) {
      expect(code(text)).toBe('not_id_card');
    }
  });

  it('requires exactly 12 digits in field 1', () => {
    expect(code(SEVEN.replace('079195000000', '07919500000'))).toBe('bad_id_format');
    expect(code(SEVEN.replace('079195000000', '0791950000001'))).toBe('bad_id_format');
    expect(code(SEVEN.replace('079195000000', '07919500000O'))).toBe('bad_id_format');
    expect(code(SEVEN.replace('079195000000', '０７９１９５００００００'))).toBe('bad_id_format'); // full-width digits
  });

  it('refuses impossible dates', () => {
    expect(code(SEVEN.replace('01011995', '30021995'))).toBe('bad_date');
    expect(code(SEVEN.replace('01011995', '00011995'))).toBe('bad_date');
    expect(code(SEVEN.replace('01011995', '01131995'))).toBe('bad_date');
    expect(code(SEVEN.replace('01011995', '0101995'))).toBe('bad_date');
    expect(code(SEVEN.replace('01011995', '01/011995'))).toBe('bad_date');
    expect(code(SEVEN.replace('15042021', '31042021'))).toBe('bad_date');
  });

  it('accepts 29 February only in leap years', () => {
    expect(code('001200000001||Nguyễn Văn Nhuận|29022000|Nam|Hà Nội|01032021')).toBe('ok');
    expect(code('001101000001||Nguyễn Văn Thường|29022001|Nam|Hà Nội|01032021')).toBe('bad_date');
  });

  it('refuses dates after today, using the injected time in Vietnam (UTC+7)', () => {
    const issuedToday = SEVEN.replace('15042021', '01032026');
    expect(code(issuedToday, Date.UTC(2026, 1, 28, 17, 0))).toBe('ok'); // 00:00 on 1 March in Hà Nội
    expect(code(issuedToday, Date.UTC(2026, 1, 28, 16, 59))).toBe('future_date'); // still 28 February there
    expect(code('001227000000||Trẻ Sơ Sinh|01012027|Nam|Hà Nội|02012027')).toBe('future_date');
  });

  it('refuses an issue date before the birth date', () => {
    expect(code(SEVEN.replace('15042021', '15041994'))).toBe('issue_before_birth');
  });

  it('refuses a gender other than Nam/Nữ', () => {
    expect(code(SEVEN.replace('|Nữ|', '|N|'))).toBe('bad_gender');
    expect(code(SEVEN.replace('|Nữ|', '|Female|'))).toBe('bad_gender');
  });

  it('refuses names with digits, symbols, control characters or mojibake left-overs', () => {
    expect(code(SEVEN.replace('Nguyễn Thị Mẫu', 'Nguyễn 123'))).toBe('bad_name');
    expect(code(SEVEN.replace('Nguyễn Thị Mẫu', ''))).toBe('bad_name');
    expect(code(SEVEN.replace('Nguyễn Thị Mẫu', 'Nguyễn\u0000Thị'))).toBe('bad_name');
    expect(code(SEVEN.replace('Nguyễn Thị Mẫu', 'Nguyá»…n Thá»‹ MÃ X'))).toBe('bad_name'); // not repairable: mixed
    expect(code(SEVEN.replace('Nguyễn Thị Mẫu', 'A'.repeat(101)))).toBe('bad_name');
  });

  it('cross-checks the century/gender digit and the year digits', () => {
    expect(code(SEVEN.replace('01011995', '01011996'))).toBe('id_birth_mismatch');
    expect(code(SEVEN.replace('079195000000', '079395000000'))).toBe('id_birth_mismatch'); // 2095
    expect(code(SEVEN.replace('|Nữ|', '|Nam|'))).toBe('id_gender_mismatch');
    expect(code(SEVEN.replace('079195000000', '079095000000'))).toBe('id_gender_mismatch'); // digit 0 = male
  });

  it('warns, never refuses, on an unknown place code', () => {
    const card = parsed(SEVEN.replace('079195000000', '003195000000'));
    expect(card.warnings).toEqual(['unknown_place_code']);
  });

  it('never puts the ID number or the name into an error message', () => {
    const broken = [SEVEN.replace('|Nữ|', '|Nam|'), SEVEN.replace('01011995', '01011996'), SEVEN.replace('Nguyễn Thị Mẫu', 'Nguyễn 123')];
    for (const text of broken) {
      const result = parseCccdQr(text, { nowMs: NOW });
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.message).not.toContain('079195');
        expect(result.message).not.toContain('Nguyễn');
      }
    }
  });
});

describe('parseCccdQr from a keyboard wedge', () => {
  // What a US-layout wedge types for SEVEN: every non-ASCII letter is gone (reference §1.3).
  const WEDGE = '079195000000|025000000|Nguyn Th Mu|01011995|N|S 1 ng Th Nghim, Phng Mu, TP. H Ch Minh|15042021\n';

  it('is refused by the default parser: the gender arrives as "N"', () => {
    expect(code(WEDGE)).toBe('bad_gender');
  });

  it('trusts only the digits when told the text came from a wedge', () => {
    const result = parseCccdQr(WEDGE, { nowMs: NOW, source: 'keyboard-wedge' });
    expect(result).toEqual({
      ok: true,
      value: { id: '079195000000', oldId: '025000000', name: '', birthDate: '1995-01-01', gender: 'nu', address: '', issueDate: '2021-04-15', warnings: ['wedge_text_dropped'] },
    });
  });

  it('still cross-checks what survived', () => {
    expect(parseCccdQr(WEDGE.replace('|N|', '|Nam|'), { nowMs: NOW, source: 'keyboard-wedge' })).toMatchObject({ ok: false, code: 'id_gender_mismatch' });
    expect(parseCccdQr(WEDGE.replace('01011995', '01011996'), { nowMs: NOW, source: 'keyboard-wedge' })).toMatchObject({ ok: false, code: 'id_birth_mismatch' });
    expect(parseCccdQr(WEDGE.replace('|N|', '|X|'), { nowMs: NOW, source: 'keyboard-wedge' })).toMatchObject({ ok: false, code: 'bad_gender' });
  });
});
