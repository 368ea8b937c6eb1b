import { describe, expect, it } from 'vitest';
import { canonicalIdNumber, idNumberFacts, isIdNumberFormat } from '../../../electron/core/identity/id-number';
import { isKnownProvinceCode } from '../../../electron/core/identity/province-codes';

describe('idNumberFacts', () => {
  it.each([
    ['079195000000', 1995, 'nu'],
    ['001090123456', 1990, 'nam'],
    ['001203000000', 2003, 'nam'],
    ['001312000000', 2012, 'nu'],
    ['001499000000', 2199, 'nam'],
    ['001900000000', 2300, 'nu'],
  ] as const)('%s → born %i, %s', (id, birthYear, gender) => {
    const facts = idNumberFacts(id);
    expect(facts.ok && facts.value).toMatchObject({ birthYear, gender, placeCode: id.slice(0, 3) });
  });

  it('flags unknown place codes without failing', () => {
    const facts = idNumberFacts('099195000000');
    expect(facts.ok && facts.value.isKnownPlace).toBe(false);
    expect(isKnownProvinceCode('079')).toBe(true);
    expect(isKnownProvinceCode('003')).toBe(false);
  });

  it('refuses anything but 12 ASCII digits', () => {
    for (const id of ['', '07919500000', '0791950000000', '07919500000a', ' 079195000000', '079 195000000', '٠٧٩١٩٥٠٠٠٠٠٠']) {
      expect(isIdNumberFormat(id)).toBe(false);
      const facts = idNumberFacts(id);
      expect(facts.ok ? 'ok' : facts.code).toBe('bad_id_format');
    }
  });
});

describe('canonicalIdNumber', () => {
  it('returns the 12 digits, forgiving surrounding whitespace only', () => {
    expect(canonicalIdNumber(' 079195000000\n')).toEqual({ ok: true, value: '079195000000' });
  });

  it('never repairs digits: no fuzzy matching', () => {
    for (const raw of ['079-195-000000', '79195000000', '0791950000001', 'O79195000000']) {
      const result = canonicalIdNumber(raw);
      expect(result.ok ? 'ok' : result.code).toBe('bad_id_format');
    }
  });
});
