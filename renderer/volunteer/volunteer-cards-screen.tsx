import { useEffect, useState } from 'react';
import type { PrintableCard, VolunteerCardView } from '../../electron/contract/dto';
import { volunteerCardStrings as t, volunteerStrings as s } from '../i18n/volunteer-strings';
import { kiosk } from '../kiosk-api';
import { printPage } from '../print';
import { CardSheet } from './card-sheet';
import { InlineBilingual } from '../components/inline-bilingual';
import { VolunteerTitleBar } from './volunteer-title-bar';

const day = (ms: number) => new Date(ms).toLocaleDateString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' });

/** Volunteer cards of this station: make one (printed once: its token is never stored), see them, revoke a lost one. */
export function VolunteerCardsScreen({ onBack }: { onBack: () => void }) {
  const [cards, setCards] = useState<readonly VolunteerCardView[]>([]);
  const [label, setLabel] = useState('');
  const [made, setMade] = useState<PrintableCard | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const refresh = () => void kiosk().listVolunteerCards({}).then((result) => (result.ok ? setCards(result.value) : setMessage(result.error.message)));
  useEffect(refresh, []);
  const issue = async () => {
    const result = await kiosk().issueVolunteerCard({ label: label.trim() });
    if (!result.ok) return setMessage(result.error.message);
    setMade(result.value);
    setLabel('');
    refresh();
  };
  const revoke = async (id: string) => {
    const result = await kiosk().revokeVolunteerCard({ id });
    if (result.ok) setCards(result.value);
    else setMessage(result.error.message);
  };
  return (
    <main className="screen volunteer" data-screen="volunteer-cards">
      <VolunteerTitleBar title={t.title} onBack={onBack} />
      <section className="group-setup no-print">
        <label className="field">
          {t.label.vi}
          <input className="text-input" value={label} maxLength={60} onChange={(event) => setLabel(event.target.value)} data-testid="volunteer-card-label" autoComplete="off" />
        </label>
        <button type="button" className="button" disabled={label.trim() === ''} onClick={() => void issue()} data-testid="volunteer-card-issue">
          <InlineBilingual text={t.issue} />
        </button>
        {made && (
          <button type="button" className="button" onClick={() => void printPage()}>
            <InlineBilingual text={s.print} />
          </button>
        )}
      </section>
      <div className="scroll-region" tabIndex={0}>
        {message && <p role="status">{message}</p>}
        {made && <CardSheet cards={[made]} />}
        <p className="no-print">
          {t.lost.vi} <span className="en">{t.lost.en}</span>
        </p>
        {cards.length === 0 ? (
          <p className="no-print">{t.none.vi}</p>
        ) : (
          <table className="record no-print" data-testid="volunteer-cards">
            <thead>
              <tr>
                <th scope="col">{t.label.vi}</th>
                <th scope="col">{t.issued.vi}</th>
                <th scope="col">{t.expires.vi}</th>
                <th scope="col">
                  <span className="sr-only">{t.revoke.vi}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {cards.map((card) => (
                <tr key={card.id} data-volunteer-card={card.id} data-state={card.state}>
                  <td>{card.label}</td>
                  <td>{day(card.issuedWallMs)}</td>
                  <td>{card.state === 'valid' ? day(card.expiresWallMs) : t[card.state].vi}</td>
                  <td>
                    {card.state === 'valid' && (
                      <button type="button" className="button secondary" onClick={() => void revoke(card.id)} data-testid="volunteer-card-revoke">
                        <InlineBilingual text={t.revoke} />
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </main>
  );
}
