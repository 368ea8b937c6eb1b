import type { PracticeView } from '../../electron/contract/dto';
import type { PracticeScore } from '../../electron/core/lessons/practice-scoring';
import { InlineBilingual } from '../components/inline-bilingual';
import { formatDong, practiceStrings as s } from '../i18n/practice-strings';
import { PhoneFrame } from './phone-frame';

type PayCheck = Extract<PracticeView, { kind: 'pay-check' }>;
type PayScore = Extract<PracticeScore, { kind: 'pay-check' }>;
type Choice = 'pay' | 'cancel';

/** The shop's QR sign at the counter: what the payee's name and the price should be (drawn beside the phone). */
export function ShopSign({ sign, position }: { sign: PayCheck['cases'][number]['sign']; position: string }) {
  return (
    <div className="shop-sign" data-testid="shop-sign">
      <p className="shop-sign-title">
        {s.payment.vi} {position} · {s.shopSign.vi}
      </p>
      <svg className="shop-qr" viewBox="0 0 7 7" aria-hidden="true">
        <path d="M0 0h3v3H0zM4 0h3v3H4zM0 4h3v3H0zM4 4h1v1H4zM6 4h1v1H6zM5 5h1v1H5zM4 6h1v1H4zM6 6h1v1H6z" fill="currentColor" />
      </svg>
      <p className="shop-sign-name">{sign.name}</p>
      <p>{sign.bank}</p>
      <p className="shop-sign-price">
        {s.price.vi}: <strong>{formatDong(sign.amount)}</strong>
      </p>
    </div>
  );
}

function Row({ label, value }: { label: { vi: string; en: string }; value: string }) {
  return (
    <p className="pay-row">
      <span className="pay-label">{label.vi}</span>
      <strong className="pay-value">{value}</strong>
    </p>
  );
}

/**
 * Check before paying: each case is the banking app's confirmation screen, with the shop's sign
 * (ShopSign, drawn by the practice step beside the phone); the learner pays or cancels, case after
 * case, then checks all the choices at once.
 */
export function PayCheckPractice({ view, choices, score, onChoose }: { view: PayCheck; choices: readonly Choice[]; score: PayScore | null; onChoose: (choice: Choice) => void }) {
  const current = view.cases[choices.length];
  if (current && score === null) {
    return (
      <div className="practice-scene" data-case={choices.length}>
        <PhoneFrame app={s.confirmScreen.vi}>
          <Row label={s.recipient} value={current.screen.name} />
          <Row label={s.bank} value={current.screen.bank} />
          <Row label={s.amount} value={formatDong(current.screen.amount)} />
          {current.screen.note !== null && <Row label={s.note} value={current.screen.note} />}
          <div className="pay-actions">
            <button type="button" className="button secondary" data-pay="cancel" onClick={() => onChoose('cancel')}>
              <InlineBilingual text={s.cancel} />
            </button>
            <button type="button" className="button" data-pay="pay" onClick={() => onChoose('pay')}>
              <InlineBilingual text={s.pay} />
            </button>
          </div>
        </PhoneFrame>
      </div>
    );
  }
  return (
    <PhoneFrame app={s.confirmScreen.vi}>
      <ol className="pay-summary">
        {view.cases.map((payCase, index) => {
          const right = score?.cases[index];
          const chosen = choices[index] === 'pay' ? s.chosePay : s.choseCancel;
          return (
            <li key={payCase.id} className={right === undefined ? '' : right ? 'right' : 'wrong'} data-case-result={right === undefined ? 'open' : String(right)}>
              <span>
                {payCase.screen.name} · {formatDong(payCase.screen.amount)}
              </span>
              <span>
                {right === undefined ? '' : right ? '✔ ' : '✖ '}
                {chosen.vi} <span className="en">/ {chosen.en}</span>
              </span>
              {score !== null && (
                <span className="spot-why">
                  {payCase.why.vi}
                  <span className="en"> {payCase.why.en}</span>
                </span>
              )}
            </li>
          );
        })}
      </ol>
    </PhoneFrame>
  );
}
