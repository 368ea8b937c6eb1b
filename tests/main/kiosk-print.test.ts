// Printing in the kiosk never shows a dialog (its "Save as" is a way out to a shell on Windows).
import { describe, expect, it } from 'vitest';
import { printSilently } from '../../electron/main/kiosk-print';
import { FakeWebContents } from '../support/electron-mock';

describe('kiosk printing', () => {
  it('prints silently to the configured printer, or silently to the default one', async () => {
    const contents = new FakeWebContents();
    await expect(printSilently(contents as never, 'Canon LBP2900')).resolves.toEqual({ printed: true, detail: null });
    await expect(printSilently(contents as never, null)).resolves.toEqual({ printed: true, detail: null });
    expect(contents.prints).toEqual([
      { silent: true, printBackground: true, deviceName: 'Canon LBP2900' },
      { silent: true, printBackground: true },
    ]);
  });

  it('turns a failed print (no printer, or a throw) into a bilingual message and never retries with a dialog', async () => {
    const contents = new FakeWebContents();
    contents.printResult = { success: false, failureReason: 'Invalid deviceName provided' };
    const failed = await printSilently(contents as never, 'gone');
    expect(failed).toEqual({ printed: false, detail: expect.stringContaining('Không in được') });
    expect(failed.detail).toContain('Invalid deviceName');
    const throwing = { print: () => { throw new Error('no printers'); } };
    await expect(printSilently(throwing as never, null)).resolves.toMatchObject({ printed: false, detail: expect.stringContaining('no printers') });
    expect(contents.prints.every((options) => options.silent === true)).toBe(true);
    expect(contents.prints).toHaveLength(1);
  });
});
