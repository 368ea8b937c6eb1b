import { describe, expect, it } from 'vitest';
import { COMPETENCY_CODES, COMPETENCY_DOMAINS, describeCompetency, isCompetencyCode } from '../../../electron/core/lessons/competencies';

describe('Thông tư 02/2025 competencies', () => {
  it('has 6 domains and 24 competences, coded in order', () => {
    expect(COMPETENCY_DOMAINS.map((d) => d.domain)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(COMPETENCY_DOMAINS.map((d) => d.competences.length)).toEqual([3, 6, 4, 4, 4, 3]);
    expect(COMPETENCY_CODES).toHaveLength(24);
    for (const domain of COMPETENCY_DOMAINS) {
      domain.competences.forEach((c, i) => expect(c.code).toBe(`${domain.domain}.${i + 1}`));
    }
  });

  it('names every domain and competence in Vietnamese and English', () => {
    for (const domain of COMPETENCY_DOMAINS) {
      for (const name of [domain.name, ...domain.competences.map((c) => c.name)]) {
        expect(name.vi.trim()).not.toBe('');
        expect(name.en.trim()).not.toBe('');
      }
    }
    expect(COMPETENCY_DOMAINS[3]?.name).toEqual({ vi: 'An toàn', en: 'Safety' });
  });

  it('marks only the AI domain as lacking an official English text', () => {
    expect(COMPETENCY_DOMAINS.filter((d) => !d.officialEn).map((d) => d.domain)).toEqual([6]);
  });

  it('accepts exactly the framework codes', () => {
    for (const code of ['1.1', '2.6', '3.4', '4.4', '5.4', '6.3']) expect(isCompetencyCode(code)).toBe(true);
    for (const code of ['0.1', '1.4', '2.7', '6.4', '7.1', '4', '4.', '04.2', '4.2 ', '1.1.CB1a', '']) expect(isCompetencyCode(code)).toBe(false);
  });

  it('describes a code with its domain, and null for an unknown one', () => {
    expect(describeCompetency('4.2')).toEqual({
      code: '4.2',
      name: { vi: 'Bảo vệ dữ liệu cá nhân và quyền riêng tư', en: 'Protecting personal data and privacy' },
      domain: { vi: 'An toàn', en: 'Safety' },
    });
    expect(describeCompetency('9.9')).toBeNull();
  });
});
