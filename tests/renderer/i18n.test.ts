import { describe, expect, it } from 'vitest';
import { identityStrings, lessonStrings, strings } from '../../renderer/i18n/strings';
import { rightsStrings, volunteerStrings } from '../../renderer/i18n/volunteer-strings';
import { practiceStrings } from '../../renderer/i18n/practice-strings';

const all = { ...strings, ...identityStrings, ...lessonStrings, ...volunteerStrings, ...rightsStrings, ...practiceStrings };

describe('interface texts', () => {
  it('have a Vietnamese and an English text for every entry, none empty', () => {
    for (const [key, text] of Object.entries(all)) {
      expect(text.vi.trim(), key).not.toBe('');
      expect(text.en.trim(), key).not.toBe('');
    }
  });

  it('are really Vietnamese where they say so (diacritics present in most entries)', () => {
    const withDiacritics = Object.values(all).filter((text) => /[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/i.test(text.vi));
    expect(withDiacritics.length / Object.keys(all).length).toBeGreaterThan(0.9);
  });

  it('never ask for a password or an OTP code to be typed', () => {
    for (const text of Object.values(all)) expect(text.vi).not.toMatch(/nhập (mật khẩu|mã OTP)/i);
  });
});
