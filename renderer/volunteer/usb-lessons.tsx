/**
 * "Cập nhật bài học từ USB / Update lessons from USB" on the sync screen (issue #18): the volunteer
 * presses the drive the station lists (the same list as the USB export, picked by id — the page never
 * sends a path) and the station imports the signed bundle `tram city export-lessons` wrote, with the
 * checks of a download. The outcome is shown Vietnamese first; refusals keep their code for the help line.
 */
import { useState } from 'react';
import type { ExportTarget, FleetImportSummary } from '../../electron/contract/dto';
import type { KioskApi } from '../../electron/contract/kiosk-api';
import type { Bilingual } from '../i18n/strings';
import { usbLessonStrings as t } from '../i18n/volunteer-strings';
import { InlineBilingual } from '../components/inline-bilingual';

export interface ImportOutcome {
  readonly ok: boolean;
  readonly lines: readonly Bilingual[];
  /** Refusals as `code: message` (technical, for the help line). */
  readonly details: readonly string[];
}

/** What a finished import means for the volunteer. */
export function describeImport(summary: FleetImportSummary): ImportOutcome {
  const lines: Bilingual[] = [];
  if (summary.lessons === 'installed' && summary.packVersion !== null) lines.push({ vi: `Đã cập nhật bài học lên phiên bản ${summary.packVersion}.`, en: `Lessons updated to version ${summary.packVersion}.` });
  else if (summary.lessons === 'up_to_date') lines.push(t.upToDate);
  else if (summary.lessons === 'none') lines.push(t.none);
  if (summary.configApplied > 0) lines.push({ vi: `Đã nhận ${summary.configApplied} bản cấu hình mới của phường.`, en: `${summary.configApplied} new settings document(s) from the ward taken.` });
  if (summary.refused.length > 0) lines.push(t.refused);
  return { ok: summary.refused.length === 0, lines, details: summary.refused };
}

/** Asks the station to import from the drive `targetId`; never throws. */
export async function importLessonsFromUsb(api: Pick<KioskApi, 'importFleetBundle'>, targetId: string): Promise<ImportOutcome> {
  const result = await api.importFleetBundle({ targetId });
  if (!result.ok) return { ok: false, lines: [t.refused, result.error.text], details: [result.error.code] };
  return describeImport(result.value);
}

export function UsbLessonImport({ api, targets }: { api: () => Pick<KioskApi, 'importFleetBundle'>; targets: readonly ExportTarget[] }) {
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<ImportOutcome | null>(null);
  const run = (targetId: string) => {
    setBusy(true);
    setOutcome(null);
    void importLessonsFromUsb(api(), targetId)
      .then(setOutcome)
      .finally(() => setBusy(false));
  };
  return (
    <section className="group-actions" data-testid="usb-lessons">
      <h2 className="section-title">
        <InlineBilingual text={t.title} />
      </h2>
      <p className="field">
        {t.hint.vi} <span className="en">{t.hint.en}</span>
      </p>
      {targets.map((target) => (
        <button key={target.id} type="button" className="button secondary" data-lessons-target={target.id} disabled={busy} onClick={() => run(target.id)}>
          {target.label.vi} <span className="en">/ {target.label.en}</span>
        </button>
      ))}
      {busy && (
        <p role="status" data-testid="usb-lessons-working">
          {t.working.vi} <span className="en">{t.working.en}</span>
        </p>
      )}
      {outcome && (
        <div role="status" data-testid="usb-lessons-result" data-ok={outcome.ok}>
          {outcome.lines.map((line) => (
            <p key={line.vi}>
              {line.vi} <span className="en">{line.en}</span>
            </p>
          ))}
          {outcome.details.map((detail) => (
            <p key={detail} className="en">
              <code>{detail}</code>
            </p>
          ))}
        </div>
      )}
    </section>
  );
}
