// The volunteer's "Cập nhật bài học từ USB" (issue #18): it sends the station the drive's id (never a
// path), and tells the outcome Vietnamese first, with refusals' codes kept for the help line.
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { ExportTarget, FleetImportSummary } from '../../../electron/contract/dto';
import type { KioskApi } from '../../../electron/contract/kiosk-api';
import { fail } from '../../../electron/contract/result';
import { importLessonsFromUsb, UsbLessonImport } from '../../../renderer/volunteer/usb-lessons';
import { SyncScreen } from '../../../renderer/volunteer/sync-screen';

type Api = Pick<KioskApi, 'importFleetBundle'>;

function fakeApi(answer: Awaited<ReturnType<Api['importFleetBundle']>>) {
  const asked: unknown[] = [];
  const api: Api = {
    importFleetBundle: async (input) => {
      asked.push(input);
      return answer;
    },
  };
  return { api, asked };
}

const summary = (over: Partial<FleetImportSummary>): FleetImportSummary => ({ lessons: 'installed', packVersion: 3, configApplied: 0, refused: [], ...over });
const targets: ExportTarget[] = [
  { id: 'station', label: { vi: 'Thư mục của trạm', en: "The station's folder" }, removable: false },
  { id: 'drive-1', label: { vi: 'Ổ rời /media/usb', en: 'Removable drive /media/usb' }, removable: true },
];

describe('update lessons from USB', () => {
  it('asks the station to import from the pressed drive by its id, and says what was installed', async () => {
    const { api, asked } = fakeApi({ ok: true, value: summary({ configApplied: 1 }) });
    const outcome = await importLessonsFromUsb(api, 'drive-1');
    expect(asked).toEqual([{ targetId: 'drive-1' }]);
    expect(outcome).toEqual({
      ok: true,
      lines: [
        { vi: 'Đã cập nhật bài học lên phiên bản 3.', en: 'Lessons updated to version 3.' },
        { vi: 'Đã nhận 1 bản cấu hình mới của phường.', en: '1 new settings document(s) from the ward taken.' },
      ],
      details: [],
    });
  });

  it('a refused bundle: the station keeps its lessons, and the code is shown for the help line', async () => {
    const { api } = fakeApi({ ok: true, value: summary({ lessons: 'refused', packVersion: null, refused: ['file_hash: zalo-an-toan/lesson.json hashes wrong'] }) });
    const outcome = await importLessonsFromUsb(api, 'drive-1');
    expect(outcome.ok).toBe(false);
    expect(outcome.lines[0]?.vi).toMatch(/^Không dùng được bài học trên USB này\. Trạm giữ nguyên bài học đang chạy/);
    expect(outcome.details).toEqual(['file_hash: zalo-an-toan/lesson.json hashes wrong']);
  });

  it('an error from the station (the stick was pulled) is shown in both languages, never thrown', async () => {
    const { api } = fakeApi(fail('not_found', { vi: 'Không thấy nơi lưu này, hãy cắm lại USB', en: 'That drive is gone; plug the USB stick in again' }));
    const outcome = await importLessonsFromUsb(api, 'drive-1');
    expect(outcome.ok).toBe(false);
    expect(outcome.lines[1]).toEqual({ vi: 'Không thấy nơi lưu này, hãy cắm lại USB', en: 'That drive is gone; plug the USB stick in again' });
    expect(outcome.details).toEqual(['not_found']);
  });

  it('up to date and an empty stick are told apart', async () => {
    expect((await importLessonsFromUsb(fakeApi({ ok: true, value: summary({ lessons: 'up_to_date' }) }).api, 'x')).lines[0]?.vi).toBe('Trạm đã có những bài học này.');
    expect((await importLessonsFromUsb(fakeApi({ ok: true, value: summary({ lessons: 'none', packVersion: null }) }).api, 'x')).lines[0]?.vi).toBe('USB này không có bài học.');
  });

  it('shows one button per listed drive, Vietnamese first, and sits on the sync screen', () => {
    const html = renderToStaticMarkup(<UsbLessonImport api={() => fakeApi({ ok: true, value: summary({}) }).api} targets={targets} />);
    expect(html.indexOf('Cập nhật bài học từ USB')).toBeLessThan(html.indexOf('Update lessons from USB'));
    expect([...html.matchAll(/data-lessons-target="([^"]+)"/g)].map((match) => match[1])).toEqual(['station', 'drive-1']);
    expect(html.indexOf('Ổ rời /media/usb')).toBeLessThan(html.indexOf('Removable drive /media/usb'));
    expect(renderToStaticMarkup(<SyncScreen onBack={() => undefined} />)).toContain('data-testid="usb-lessons"');
  });
});
