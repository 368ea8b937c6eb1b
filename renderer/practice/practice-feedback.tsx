import type { PracticeAttemptResult, PracticeView } from '../../electron/contract/dto';
import type { PracticeScore } from '../../electron/core/lessons/practice-scoring';
import type { Bilingual } from '../i18n/strings';
import { practiceStrings as p } from '../i18n/practice-strings';

/** The one line that says what to look at after a wrong try, per kind; counts, never a bare "sai". */
function hint(view: PracticeView, detail: PracticeScore): Bilingual | null {
  switch (detail.kind) {
    case 'spot': {
      const total = view.kind === 'spot' ? view.targetCount : detail.found.length + detail.missed.length;
      const parts: Bilingual[] = [{ vi: `Bác đã tìm đúng ${detail.found.length}/${total} chỗ đáng ngờ.`, en: `You found ${detail.found.length} of ${total} suspicious parts.` }];
      if (detail.missed.length > 0) parts.push({ vi: `Còn ${detail.missed.length} chỗ bác chưa chạm.`, en: `${detail.missed.length} still to find.` });
      if (detail.wrong.length > 0) parts.push({ vi: `${detail.wrong.length} chỗ bác chọn là bình thường.`, en: `${detail.wrong.length} of your choices are ordinary.` });
      return { vi: parts.map((x) => x.vi).join(' '), en: parts.map((x) => x.en).join(' ') };
    }
    case 'pay-check': {
      const right = detail.cases.filter(Boolean).length;
      return { vi: `Bác chọn đúng ${right}/${detail.cases.length} lần trả tiền. Hãy so tên và số tiền với biển ở quầy.`, en: `${right} of ${detail.cases.length} payments right. Compare the name and amount with the sign.` };
    }
    case 'order': {
      const right = detail.inPlace.filter(Boolean).length;
      return { vi: `${right}/${detail.inPlace.length} bước đã đúng chỗ.`, en: `${right} of ${detail.inPlace.length} steps are in place.` };
    }
    case 'form':
      return p.formErrors;
  }
}

/** Kind feedback after a check: well done with the explanation, or what to look at and "Thử lại". */
export function PracticeFeedback({ view, result }: { view: PracticeView; result: PracticeAttemptResult }) {
  const why = result.correct && (view.kind === 'order' || view.kind === 'form') ? view.why : null;
  const line = result.correct ? null : hint(view, result.detail);
  return (
    <div className={`feedback ${result.correct ? 'right' : 'wrong'}`} role="status" data-testid="practice-feedback" data-correct={result.correct}>
      <p className="vi">{result.correct ? `✔ ${p.correct.vi}` : p.notYet.vi}</p>
      {line && <p className="explanation">{line.vi}</p>}
      {why && <p className="explanation">{why.vi}</p>}
      <p className="en">
        {result.correct ? p.correct.en : p.notYet.en} {line?.en ?? ''} {why?.en ?? ''}
      </p>
    </div>
  );
}
