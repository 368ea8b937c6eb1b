import type { ScanOutcome } from '../../electron/contract/dto';
import { BilingualText } from '../components/bilingual-text';
import { ReadAloudButton } from '../components/read-aloud-button';
import { identityStrings as s } from '../i18n/strings';

type Welcome = Extract<ScanOutcome, { kind: 'welcome' }>;

/** The greeting after a scan: the learner's own screen, so the full name is shown. */
export function WelcomeScreen({ welcome, onFinish, children }: { welcome: Welcome; onFinish: () => void; children?: React.ReactNode }) {
  const name = welcome.displayName || '';
  const hello = name ? `Chào ${welcome.honorific} ${name}` : `Chào ${welcome.honorific}`;
  const line = welcome.isNewLearner ? s.welcomeNew : s.welcomeBack;
  return (
    <main className="screen welcome" data-screen="welcome">
      <header className="welcome-header">
        <h1 className="title" data-testid="welcome-name">
          {hello}
        </h1>
        <button type="button" className="button secondary" onClick={onFinish} data-testid="finish">
          {s.finish.vi} <span className="en">/ {s.finish.en}</span>
        </button>
      </header>
      <BilingualText text={line} />
      <ReadAloudButton text={{ vi: `${hello}. ${line.vi}`, en: line.en }} />
      {children}
    </main>
  );
}
