import type { ReactNode } from 'react';
import type { Bilingual } from '../../electron/contract/dto';
import { SpokenText } from './spoken-text';
import type { Narration } from './use-narration';

/**
 * A step's words: the Vietnamese read aloud with the sentence being spoken highlighted, the English
 * under it, and whatever follows them in the same scrolling, focusable block (a practice step's
 * feedback). One component for lesson and practice steps, so both read and scroll alike.
 */
export function StepWords({ text, narration, children }: { text: Bilingual; narration: Narration; children?: ReactNode }) {
  return (
    <div className="step-words" tabIndex={0}>
      <p lang="vi" className="vi">
        <SpokenText text={text.vi} sentences={narration.sentences} part={0} active={narration.state.sentence} />
      </p>
      <p lang="en" className="en">
        {text.en}
      </p>
      {children}
    </div>
  );
}
