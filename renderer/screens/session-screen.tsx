import type { ReactNode } from 'react';
import type { ScanOutcome } from '../../electron/contract/dto';
import { ReadAloudButton } from '../components/read-aloud-button';
import { identityStrings as s } from '../i18n/strings';
import { InlineBilingual } from '../components/inline-bilingual';

type Welcome = Extract<ScanOutcome, { kind: 'welcome' }>;

/**
 * The frame of a learner's (or guest's) session: the greeting and a "Kết thúc" button always in
 * reach, with the lesson list or the lesson player inside.
 */
export function SessionScreen({ welcome, onFinish, compact = false, children }: { welcome: Welcome | null; onFinish: () => void; compact?: boolean; children: ReactNode }) {
  const hello = welcome ? (welcome.displayName ? `Chào ${welcome.honorific} ${welcome.displayName}` : `Chào ${welcome.honorific}`) : s.guestTitle.vi;
  const line = welcome ? (welcome.isNewLearner ? s.welcomeNew : s.welcomeBack) : s.guestBody;
  return (
    <main className={`screen session${compact ? ' compact' : ''}`} data-screen={compact ? 'lesson' : welcome ? 'welcome' : 'guest'}>
      <header className="welcome-header">
        <div>
          <h1 className={compact ? 'session-name' : 'title'} data-testid="welcome-name">
            {hello}
          </h1>
          {!compact && (
            <p className="bilingual">
              <span className="vi">{line.vi}</span> <span className="en">{line.en}</span>
            </p>
          )}
        </div>
        {!compact && <ReadAloudButton text={{ vi: `${hello}. ${line.vi}`, en: line.en }} />}
        <button type="button" className="button secondary" onClick={onFinish} data-testid="finish">
          <InlineBilingual text={s.finish} />
        </button>
      </header>
      {children}
    </main>
  );
}
