import type { PracticeView } from '../../electron/contract/dto';
import type { PracticeScore } from '../../electron/core/lessons/practice-scoring';
import { InlineBilingual } from '../components/inline-bilingual';
import { practiceStrings as s } from '../i18n/practice-strings';
import { SpokenText } from '../narration/spoken-text';
import type { Spoken } from './spoken';
import { PhoneFrame } from './phone-frame';

type Order = Extract<PracticeView, { kind: 'order' }>;
type OrderScore = Extract<PracticeScore, { kind: 'order' }>;

/**
 * Put steps in order by touch alone (no dragging): each tap gives an item the next number; "Bỏ số
 * cuối" takes the last number back. After the check, each item says whether it is in its place.
 */
export function OrderSteps({ view, narration, order, score, onTap, onUndo }: {
  view: Order;
  /** The narration reads item i as sentence part i + 1 (core/narration/narration-items.ts). */
  narration: Omit<Spoken, 'part'>;
  order: readonly string[];
  score: OrderScore | null;
  onTap: (id: string) => void;
  onUndo: () => void;
}) {
  return (
    <PhoneFrame app={s.practice.vi}>
      <p className="phone-hint">
        {s.orderHint.vi} <span className="en">{s.orderHint.en}</span>
      </p>
      <ul className="order-items">
        {view.items.map((item, index) => {
          const position = order.indexOf(item.id);
          const inPlace = score && position >= 0 ? score.inPlace[position] : undefined;
          return (
            <li key={item.id}>
              <button
                type="button"
                className={`order-item${position >= 0 ? ' placed' : ''}${inPlace === undefined ? '' : inPlace ? ' right' : ' wrong'}`}
                data-item={item.id}
                data-position={position >= 0 ? position + 1 : ''}
                aria-disabled={position >= 0 || score !== null}
                onClick={position >= 0 || score !== null ? undefined : () => onTap(item.id)}
              >
                <span className="order-number" aria-hidden={position < 0}>
                  {position >= 0 ? position + 1 : ''}
                </span>
                <span className="order-text">
                  <SpokenText text={item.text.vi} sentences={narration.sentences} part={index + 1} active={narration.active} />
                  <span className="en"> {item.text.en}</span>
                  {inPlace !== undefined && <span className="spot-mark">{inPlace ? `✔ ${s.inPlace.vi}` : `✖ ${s.outOfPlace.vi}`}</span>}
                </span>
              </button>
            </li>
          );
        })}
      </ul>
      {score === null && (
        <button type="button" className="button secondary order-undo" onClick={onUndo} disabled={order.length === 0} data-testid="order-undo">
          <InlineBilingual text={s.undoLast} />
        </button>
      )}
    </PhoneFrame>
  );
}
