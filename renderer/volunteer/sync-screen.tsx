import { useEffect, useState } from 'react';
import type { ExportTarget, SyncStatus } from '../../electron/contract/dto';
import { SyncBadge } from '../components/sync-badge';
import { syncStrings as t } from '../i18n/volunteer-strings';
import { kiosk } from '../kiosk-api';
import { InlineBilingual } from '../components/inline-bilingual';
import { UsbLessonImport } from './usb-lessons';
import { VolunteerTitleBar } from './volunteer-title-bar';

function formatOffset(ms: number): string {
  const minutes = Math.round(Math.abs(ms) / 60_000);
  if (minutes < 2) return `${t.clockOk.vi} / ${t.clockOk.en}`;
  const hours = Math.floor(minutes / 60);
  const text = hours > 0 ? `${hours} giờ ${minutes % 60} phút` : `${minutes} phút`;
  return ms > 0 ? `nhanh ${text} / ahead` : `chậm ${text} / behind`;
}

/** Sync status for volunteers, enrolment with the city, and the USB sneakernet. */
export function SyncScreen({ onBack }: { onBack: () => void }) {
  const [sync, setSync] = useState<SyncStatus | null>(null);
  const [code, setCode] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [targets, setTargets] = useState<readonly ExportTarget[]>([]);
  useEffect(() => {
    void kiosk().getSyncStatus({}).then((result) => result.ok && setSync(result.value));
    void kiosk().listExportTargets({}).then((result) => result.ok && setTargets(result.value));
    return kiosk().on('syncChanged', setSync);
  }, []);
  // While this screen shows the enrolment section, the station's scanner may read the hub's enrolment
  // QR: the station checks and uses it itself (the code never reaches this page) and reports here.
  const canEnrol = Boolean(sync?.hubUrl);
  useEffect(() => {
    if (!canEnrol) return undefined;
    void kiosk().setEnrolmentScan({ armed: true });
    const off = kiosk().on('enrolmentScanned', (result) => setMessage(result.ok ? `${t.enrolled.vi} (epoch ${result.epoch})` : `${result.message.vi} / ${result.message.en}`));
    return () => {
      off();
      void kiosk().setEnrolmentScan({ armed: false });
    };
  }, [canEnrol]);
  const enrol = async () => {
    const result = await kiosk().enrolStation({ code: code.trim() });
    setMessage(result.ok ? `${t.enrolled.vi} (epoch ${result.value.epoch})` : result.error.message);
    setCode('');
  };
  const usbOnly = sync !== null && sync.hubUrl === null;
  const usbSection = (
    <section className="group-actions">
      <span>{t.usbTitle.vi}:</span>
      {targets.map((target) => (
        <button
          key={target.id}
          type="button"
          className="button secondary"
          data-bundle-target={target.id}
          onClick={() => void kiosk().exportBundle({ targetId: target.id }).then((result) => setMessage(result.ok ? `${t.usbSaved.vi}: ${result.value.files.join(', ')} (${result.value.events})` : result.error.message))}
        >
          {target.label.vi}
        </button>
      ))}
    </section>
  );
  return (
    <main className="screen volunteer" data-screen="sync">
      <VolunteerTitleBar title={t.title} onBack={onBack} />
      <div className="scroll-region volunteer-columns" tabIndex={0}>
        {sync && (
          <table className="record" data-testid="sync-details">
            <tbody>
              <tr>
                <th scope="row">{t.title.vi}</th>
                <td>
                  <SyncBadge sync={sync} />
                </td>
              </tr>
              <tr>
                <th scope="row">{t.lastSuccess.vi}</th>
                <td>{sync.lastSuccessMs ? new Date(sync.lastSuccessMs).toLocaleString('vi-VN') : t.never.vi}</td>
              </tr>
              <tr>
                <th scope="row">{t.receipt.vi}</th>
                <td data-testid="receipt-short">{sync.receiptShort ?? '—'}</td>
              </tr>
              <tr>
                <th scope="row">{t.clock.vi}</th>
                <td>{sync.clockOffsetMs === null ? '—' : formatOffset(sync.clockOffsetMs)}</td>
              </tr>
              {sync.detail && (
                <tr>
                  <th scope="row">!</th>
                  <td>{sync.detail}</td>
                </tr>
              )}
            </tbody>
          </table>
        )}
        {/* A USB-only station's main action is the USB bundle: it comes first, in the first screenful. */}
        {usbOnly && usbSection}
        <section className="group-setup">
          <h2 className="section-title">{t.enrolTitle.vi}</h2>
          {sync?.hubUrl ? (
            <>
              {/* The hub comes from the station config, never from what a volunteer types. */}
              <p className="field" data-testid="hub-url">
                {t.hubUrl.vi}: <strong>{sync.hubUrl}</strong>
              </p>
              <label className="field">
                {t.code.vi}
                <input className="text-input" value={code} onChange={(event) => setCode(event.target.value)} data-testid="enrol-code" autoComplete="off" />
              </label>
              <button type="button" className="button" disabled={!code} onClick={() => void enrol()} data-testid="enrol">
                <InlineBilingual text={t.enrol} />
              </button>
              <p className="field" data-testid="enrol-scan-hint">
                {t.scanHint.vi} <span className="en">{t.scanHint.en}</span>
              </p>
            </>
          ) : (
            <p data-testid="usb-only-note">
              {t.usbOnly.vi} <span className="en">{t.usbOnly.en}</span>
            </p>
          )}
          {message && (
            <p role="status" data-testid="enrol-message">
              {message}
            </p>
          )}
        </section>
        {!usbOnly && usbSection}
        <UsbLessonImport api={kiosk} targets={targets} />
      </div>
    </main>
  );
}
