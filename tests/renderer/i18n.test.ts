import { describe, expect, it } from 'vitest';
import * as narration from '../../renderer/i18n/narration-strings';
import * as practice from '../../renderer/i18n/practice-strings';
import * as general from '../../renderer/i18n/strings';
import * as volunteer from '../../renderer/i18n/volunteer-strings';

type Text = { vi: string; en: string };
const isText = (value: unknown): value is Text => typeof value === 'object' && value !== null && typeof (value as Text).vi === 'string' && typeof (value as Text).en === 'string';

/** Every text of every table, named `table.key` (tables are not merged: the same key in two tables must not hide one). */
function textsOf(modules: readonly Record<string, unknown>[]): Record<string, Text> {
  const found: Record<string, Text> = {};
  const walk = (name: string, value: unknown) => {
    if (isText(value)) found[name] = value;
    else if (typeof value === 'object' && value !== null) for (const [key, inner] of Object.entries(value)) walk(`${name}.${key}`, inner);
  };
  for (const module of modules) for (const [name, value] of Object.entries(module)) walk(name, value);
  return found;
}

const all = textsOf([general, volunteer, practice, narration]);

describe('interface texts', () => {
  it('are found in every table (the volunteer screens, practice and narration included)', () => {
    for (const prefix of ['strings.', 'volunteerStrings.', 'usbLessonStrings.', 'syncStrings.', 'practiceStrings.', 'narrationStrings.']) {
      expect(Object.keys(all).some((key) => key.startsWith(prefix)), prefix).toBe(true);
    }
  });

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
