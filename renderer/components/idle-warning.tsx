import { BilingualText } from './bilingual-text';
import { InlineBilingual } from './inline-bilingual';

const STILL_HERE = { vi: 'Tôi vẫn đang học', en: "I'm still here" };
const TITLE = { vi: 'Bác còn học tiếp không?', en: 'Are you still learning?' };

/** Full-screen warning before the privacy reset, with a countdown and one big button. */
export function IdleWarning({ secondsLeft, onExtend }: { secondsLeft: number; onExtend: () => void }) {
  return (
    <div className="idle-warning" role="alertdialog" aria-modal="true" aria-labelledby="idle-title" data-testid="idle-warning">
      <div className="idle-box">
        <BilingualText as="h1" text={TITLE} className="title" />
        <p className="idle-countdown" id="idle-title">
          Màn hình sẽ trở về trang đầu sau <strong data-testid="idle-seconds">{secondsLeft}</strong> giây để giữ kín thông tin của bác.
          <span className="en"> The screen returns to the start in {secondsLeft} s to keep your details private.</span>
        </p>
        <button type="button" className="button idle-extend" onClick={onExtend} data-testid="idle-extend">
          <InlineBilingual text={STILL_HERE} />
        </button>
      </div>
    </div>
  );
}
