import { useEffect, useState } from 'react';
import type { AttendanceRow, StationReport } from '../../electron/core/reports/report-types';
import type { ExportTarget } from '../../electron/contract/dto';
import type { Bilingual } from '../i18n/strings';
import { reportStrings as r, volunteerStrings as s } from '../i18n/volunteer-strings';
import { kiosk } from '../kiosk-api';
import { printPage } from '../print';
import { InlineBilingual } from '../components/inline-bilingual';

type Period = 'today' | 'week' | 'month';

/** Today / this week / this month at a glance, exports to a USB stick, and the printable sheet. */
export function ReportsScreen({ onBack }: { onBack: () => void }) {
  const [period, setPeriod] = useState<Period>('today');
  const [report, setReport] = useState<StationReport | null>(null);
  const [targets, setTargets] = useState<readonly ExportTarget[]>([]);
  const [saved, setSaved] = useState<readonly string[] | null>(null);
  const [sheet, setSheet] = useState<readonly AttendanceRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setSaved(null);
    setSheet(null);
    void kiosk().getStationReport({ period }).then((result) => (result.ok ? setReport(result.value) : setError(result.error.message)));
    void kiosk().listExportTargets({}).then((result) => result.ok && setTargets(result.value));
  }, [period]);
  const exportTo = (targetId: string) =>
    void kiosk().exportStationReport({ period, targetId }).then((result) => (result.ok ? setSaved(result.value.files) : setError(result.error.message)));
  return (
    <main className="screen volunteer reports" data-screen="reports">
      <nav className="no-print volunteer-nav">
        <button type="button" className="button secondary" onClick={onBack}>
          <InlineBilingual text={s.back} />
        </button>
        {(['today', 'week', 'month'] as const).map((name) => (
          <button key={name} type="button" className={`button${name === period ? '' : ' secondary'}`} aria-pressed={name === period} onClick={() => setPeriod(name)} data-period={name}>
            <InlineBilingual text={r[name]} />
          </button>
        ))}
      </nav>
      {error && <p className="note">{error}</p>}
      {report && !sheet && (
        <section className="report" data-testid="report">
          <h1 className="session-name">
            {r.title.vi} — {report.period.label.vi}
          </h1>
          <div className="scroll-region" tabIndex={0}>
            {report.partial && <p className="note">{r.partial.vi}</p>}
            <table className="record">
              <tbody>
                {(
                  [
                    [r.visits, report.visits],
                    [r.learners, report.distinctLearners],
                    [r.completed, report.lessonsCompleted],
                    [r.passed, report.lessonsPassed],
                    [r.groups, report.groups],
                  ] satisfies Array<[Bilingual, number]>
                ).map(([label, value]) => (
                  <tr key={label.en}>
                    <th scope="row">
                      <InlineBilingual text={label} />
                    </th>
                    <td data-testid={`report-${label.en}`}>{value}</td>
                  </tr>
                ))}
                <tr>
                  <th scope="row">
                    <InlineBilingual text={r.ageBands} />
                  </th>
                  <td>{Object.entries(report.byAgeBand).map(([band, n]) => `${band}: ${n}`).join(' · ')}</td>
                </tr>
              </tbody>
            </table>
            <h2 className="section-title">{r.byLesson.vi}</h2>
            <ul>
              {report.byLesson.filter((lesson) => lesson.completed + lesson.started > 0).map((lesson) => (
                <li key={lesson.lessonId}>
                  {lesson.title.vi}: {lesson.completed} / {lesson.passed} đạt
                </li>
              ))}
            </ul>
          </div>
          <div className="group-actions">
            <span>{r.saveTo.vi}:</span>
            {targets.map((target) => (
              <button key={target.id} type="button" className="button secondary" onClick={() => exportTo(target.id)} data-export-target={target.id}>
                {target.label.vi}
              </button>
            ))}
            <button type="button" className="button" onClick={() => void kiosk().getAttendanceSheet({ period }).then((result) => result.ok && setSheet(result.value))} data-testid="open-sheet">
              <InlineBilingual text={r.sheet} />
            </button>
          </div>
          {saved && (
            <p role="status" data-testid="export-saved">
              {r.saved.vi}: {saved.map((file) => file.split(/[\\/]/).pop()).join(', ')}
            </p>
          )}
        </section>
      )}
      {sheet && (
        <section className="attendance-sheet" data-testid="attendance-sheet">
          <button type="button" className="button no-print" onClick={() => void printPage()} data-testid="print-sheet">
            {s.print.vi}
          </button>
          <h1>{r.sheetTitle.vi}</h1>
          <p>{report?.period.label.vi}</p>
          <div className="scroll-region" tabIndex={0}>
            <table className="record sheet-table">
              <thead>
                <tr>
                  {['STT', 'Họ và tên', 'Năm sinh', 'Giới tính', 'Ngày', 'Giờ vào', 'Giờ ra', 'Bài học'].map((header) => (
                    <th key={header} scope="col">
                      {header}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {sheet.map((row) => (
                  <tr key={`${row.stt}`}>
                    <td>{row.stt}</td>
                    <td>{row.name}</td>
                    <td>{row.birthYear ?? ''}</td>
                    <td>{row.gender}</td>
                    <td>{row.date}</td>
                    <td>{row.timeIn}</td>
                    <td>{row.timeOut}</td>
                    <td>{row.lessons.map((lesson) => `${lesson.title.vi}${lesson.passed ? ' (đạt)' : ''}`).join('; ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
    </main>
  );
}
