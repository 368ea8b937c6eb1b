import { useEffect, useState } from 'react';
import type { DemoCard } from '../../electron/contract/dto';
import { identityStrings as s } from '../i18n/strings';
import { kiosk } from '../kiosk-api';
import { InlineBilingual } from './inline-bilingual';

/** Demo mode only: sample cards of fake persons, played as real scanner reads by the station. */
export function DemoPanel() {
  const [cards, setCards] = useState<readonly DemoCard[]>([]);
  useEffect(() => {
    void kiosk()
      .listDemoCards({})
      .then((result) => result.ok && setCards(result.value));
  }, []);
  if (cards.length === 0) return null;
  return (
    <aside className="demo-panel" data-testid="demo-panel" aria-label={`${s.demoTitle.vi} / ${s.demoTitle.en}`}>
      <h2 className="demo-title">
        <InlineBilingual text={s.demoTitle} />
      </h2>
      <div className="demo-cards">
        {cards.map((card) => (
          <button key={card.id} type="button" className="button secondary demo-card" data-demo-card={card.id} onClick={() => void kiosk().playDemoCard({ id: card.id })}>
            {card.label.vi}
            <span className="en">{card.description.vi}</span>
          </button>
        ))}
      </div>
    </aside>
  );
}
