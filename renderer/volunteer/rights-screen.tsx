import { useEffect, useState } from 'react';
import type { Bilingual, LearnerRecord, PrintableCard } from '../../electron/contract/dto';
import { CardSheet } from './card-sheet';
import { printPage } from '../print';
import { rightsStrings as r, volunteerStrings as s } from '../i18n/volunteer-strings';
import { kiosk } from '../kiosk-api';
import { InlineBilingual } from '../components/inline-bilingual';
import { VolunteerTitleBar } from './volunteer-title-bar';

/** Shows a learner what the station holds about them, and erases it on request (two taps). */
export function RightsScreen({ onBack }: { onBack: () => void }) {
  const [record, setRecord] = useState<LearnerRecord | null>(null);
  const [error, setError] = useState<Bilingual | null>(null);
  const [waiting, setWaiting] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [erased, setErased] = useState(false);
  const [card, setCard] = useState<PrintableCard | null>(null);
  useEffect(
    () =>
      kiosk().on('learnerLookup', (result) => {
        setWaiting(false);
        setConfirming(false);
        setErased(false);
        if (result.ok) {
          setRecord(result.record);
          setError(null);
        } else setError(result.message);
      }),
    [],
  );
  const arm = () => {
    setRecord(null);
    setError(null);
    void kiosk().beginLearnerLookup({}).then((result) => setWaiting(result.ok));
  };
  const rows: Array<[Bilingual, string]> = record?.found
    ? [
        [r.name, record.displayName ?? '—'],
        [r.birthYear, record.birthYear === null ? '—' : String(record.birthYear)],
        [r.gender, record.gender === 'nam' ? 'Nam' : record.gender === 'nu' ? 'Nữ' : '—'],
        [r.ward, record.wardCode ?? '—'],
        [r.registered, record.registeredOn ?? '—'],
        [r.consent, record.consentVersion ?? '—'],
        [r.visits, String(record.visits)],
        [r.passed, record.lessonsPassed.join(', ') || '—'],
      ]
    : [];
  return (
    <main className="screen volunteer" data-screen="rights">
      <VolunteerTitleBar title={r.title} onBack={onBack} />
      <button type="button" className="button" onClick={arm} data-testid="rights-scan">
        <InlineBilingual text={r.scanPrompt} />
      </button>
      {waiting && <p role="status">{r.waiting.vi}</p>}
      {error && <p className="note">{error.vi}</p>}
      {record && !record.found && <p data-testid="rights-not-found"><InlineBilingual text={r.notFound} /></p>}
      {record?.found && !erased && (
        <>
          <div className="scroll-region" tabIndex={0}>
            <table className="record" data-testid="rights-record">
              <tbody>
                {rows.map(([label, value]) => (
                  <tr key={label.en}>
                    <th scope="row">
                      <InlineBilingual text={label} />
                    </th>
                    <td>{value}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p>
              <InlineBilingual text={r.notKept} />
            </p>
            {card && (
              <>
                <CardSheet cards={[card]} />
                <button type="button" className="button no-print" onClick={() => void printPage()}>
                  {s.print.vi}
                </button>
              </>
            )}
          </div>
          <div className="group-actions">
            {record.canReprintCard && (
              <button type="button" className="button secondary" data-testid="rights-reprint" onClick={() => void kiosk().reprintLearnerCard({ lookupId: record.lookupId }).then((result) => result.ok && setCard(result.value))}>
                <InlineBilingual text={r.reprint} />
              </button>
            )}
            {!confirming ? (
              <button type="button" className="button secondary" onClick={() => setConfirming(true)} data-testid="rights-erase">
                <InlineBilingual text={r.erase} />
              </button>
            ) : (
              <button
                type="button"
                className="button danger"
                data-testid="rights-confirm-erase"
                onClick={() => void kiosk().eraseLearner({ lookupId: record.lookupId, confirm: true }).then((result) => setErased(result.ok && result.value.erased))}
              >
                <InlineBilingual text={r.confirmErase} />
              </button>
            )}
          </div>
        </>
      )}
      {erased && <p role="status" data-testid="rights-erased"><InlineBilingual text={r.erased} /></p>}
    </main>
  );
}
