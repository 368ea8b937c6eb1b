import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import type { StationStatus } from '../../../electron/contract/dto';
import { AttractScreen } from '../../../renderer/screens/attract-screen';
import { ConsentScreen } from '../../../renderer/screens/consent-screen';
import { MaintenanceScreen } from '../../../renderer/screens/maintenance-screen';
import { QuizView } from '../../../renderer/screens/quiz-view';
import { IdleWarning } from '../../../renderer/components/idle-warning';

const status: StationStatus = {
  stationId: '06688-01',
  stationName: 'Nhà văn hoá khu 3',
  wardName: 'Phường Hạ Long',
  demoMode: false,
  appVersion: '1.0.0',
  sync: { state: 'offline', waitingEvents: 12, lastSuccessMs: null, receiptShort: null, clockOffsetMs: null, detail: null, hubUrl: null },
  problems: [],
  notices: [],
  idle: { warnAfterSeconds: 120, countdownSeconds: 30 },
  narration: { autoplay: true },
};

describe('renderer screens (server-rendered markup)', () => {
  it('attract: Vietnamese first, station name, sync status and no demo badge in production', () => {
    const html = renderToStaticMarkup(<AttractScreen status={status} />);
    expect(html.indexOf('Chào mừng đến Trạm Học Số')).toBeLessThan(html.indexOf('Welcome to the Digital Learning Station'));
    expect(html).toContain('Nhà văn hoá khu 3');
    expect(html).toContain('Đang chờ mạng để gửi dữ liệu · 12 bản ghi chờ gửi');
    expect(html).not.toContain('demo-badge');
  });

  it('maintenance: names every problem exactly', () => {
    const html = renderToStaticMarkup(<MaintenanceScreen status={{ ...status, problems: [{ code: 'config_invalid', message: 'station.wardCode: must be a 5-digit ward code' }] }} />);
    expect(html).toContain('Trạm đang bảo trì');
    expect(html).toContain('config_invalid');
    expect(html).toContain('station.wardCode: must be a 5-digit ward code');
  });

  it('consent: two equal buttons, "Đồng ý" and "Không đồng ý", with the same class', () => {
    const html = renderToStaticMarkup(<ConsentScreen greetingName="bác An" onAnswer={vi.fn()} />);
    const buttons = [...html.matchAll(/<button type="button" class="([^"]+)" data-testid="consent-(yes|no)"/g)];
    expect(buttons.map((match) => match[2])).toEqual(['yes', 'no']);
    expect(buttons[0]?.[1]).toBe(buttons[1]?.[1]);
    expect(html).toContain('Không đồng ý bác vẫn học được');
  });

  it('quiz: shows the first question and its choices, no feedback yet', () => {
    const html = renderToStaticMarkup(
      <QuizView
        questions={[{ id: 'q1', prompt: { vi: 'Có nên đọc mã OTP cho người lạ?', en: 'Read an OTP to a stranger?' }, choices: [{ vi: 'Có', en: 'Yes' }, { vi: 'Không', en: 'No' }], answer: 1, explanation: { vi: 'Không bao giờ.', en: 'Never.' }, narration: { audio: null, skipped: null }, explanationNarration: { audio: null, skipped: null } }]}
        onFinish={vi.fn()}
      />,
    );
    expect(html).toContain('Câu hỏi 1/1');
    expect(html).toContain('data-choice="1"');
    expect(html).not.toContain('data-testid="feedback"');
  });

  it('idle warning: the countdown and one big "Tôi vẫn đang học" button', () => {
    const html = renderToStaticMarkup(<IdleWarning secondsLeft={25} onExtend={vi.fn()} />);
    expect(html).toContain('Tôi vẫn đang học');
    expect(html).toContain('data-testid="idle-seconds">25<');
    expect(html).toContain('role="alertdialog"');
  });
});
