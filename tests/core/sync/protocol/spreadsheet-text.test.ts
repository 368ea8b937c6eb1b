import { describe, expect, it } from 'vitest';
import { guardSpreadsheetText } from '../../../../electron/core/sync/protocol/spreadsheet-text';
import { csvField } from '../../../../electron/core/reports/csv';
import { csvCell } from '../../../../city/reports/csv';

describe('guardSpreadsheetText', () => {
  it.each(['=HYPERLINK("http://x","bấm")', '+84 912', '-1+1', '@SUM(A1)', '\t=1', '\r=1'])('quotes %j so a spreadsheet shows it as text', (text) => {
    expect(guardSpreadsheetText(text)).toBe(`'${text}`);
  });

  it.each(['Phường Hạ Long', '0912 345 678', '', "'already"])('leaves %j alone', (text) => {
    expect(guardSpreadsheetText(text)).toBe(text);
  });

  it('is the rule of both the station sheets and the hub export', () => {
    expect(csvField('=1+1')).toBe(`"'=1+1"`);
    expect(csvCell('=1+1')).toBe(`'=1+1`);
    // Numbers are data: a negative count is never quoted.
    expect(csvField(-3)).toBe('"-3"');
    expect(csvCell(-3)).toBe('-3');
  });
});
