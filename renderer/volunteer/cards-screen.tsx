import { useState } from 'react';
import type { PrintableCard } from '../../electron/contract/dto';
import { volunteerStrings as s } from '../i18n/volunteer-strings';
import { kiosk } from '../kiosk-api';
import { printPage } from '../print';
import { CardSheet } from './card-sheet';
import { InlineBilingual } from '../components/inline-bilingual';

/** Makes a sheet of learner cards for people without an ID card. */
export function CardsScreen({ onBack }: { onBack: () => void }) {
  const [count, setCount] = useState(6);
  const [cards, setCards] = useState<readonly PrintableCard[]>([]);
  return (
    <main className="screen volunteer" data-screen="cards">
      <nav className="no-print volunteer-nav">
        <button type="button" className="button secondary" onClick={onBack}>
          <InlineBilingual text={s.back} />
        </button>
        <label className="field">
          {s.howMany.vi}
          <select value={count} onChange={(event) => setCount(Number(event.target.value))} data-testid="card-count">
            {[1, 2, 4, 6, 8, 10, 12].map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="button" data-testid="make-cards" onClick={() => void kiosk().printLearnerCards({ count }).then((result) => result.ok && setCards(result.value))}>
          <InlineBilingual text={s.makeCards} />
        </button>
        {cards.length > 0 && (
          <button type="button" className="button" onClick={() => void printPage()}>
            <InlineBilingual text={s.print} />
          </button>
        )}
      </nav>
      <div className="scroll-region" tabIndex={0}>
        <CardSheet cards={cards} />
      </div>
    </main>
  );
}

