import { BilingualText } from '../components/bilingual-text';
import { ReadAloudButton } from '../components/read-aloud-button';
import { identityStrings as s } from '../i18n/strings';

/**
 * Consent before the first registration (Law 91/2025/QH15): plain words, read aloud, two equal
 * buttons — same size, same weight, neither pre-selected — and a way to learn without being stored.
 */
export function ConsentScreen({ greetingName, onAnswer }: { greetingName: string; onAnswer: (accept: boolean) => void }) {
  const title = greetingName ? { vi: `Chào ${greetingName}. ${s.consentTitle.vi}`, en: s.consentTitle.en } : s.consentTitle;
  return (
    <main className="screen consent" data-screen="consent">
      <BilingualText as="h1" text={title} className="title" />
      <BilingualText text={s.consentBody} className="consent-body" />
      <ReadAloudButton text={{ vi: `${title.vi}. ${s.consentBody.vi} ${s.consentNoHint.vi}`, en: title.en }} />
      <div className="equal-choices" role="group" aria-label={`${s.consentTitle.vi} / ${s.consentTitle.en}`}>
        <button type="button" className="button choice" data-testid="consent-yes" onClick={() => onAnswer(true)}>
          {s.consentYes.vi}
          <span className="en">{s.consentYes.en}</span>
        </button>
        <button type="button" className="button choice" data-testid="consent-no" onClick={() => onAnswer(false)}>
          {s.consentNo.vi}
          <span className="en">{s.consentNo.en}</span>
        </button>
      </div>
      <BilingualText text={s.consentNoHint} className="hint" />
    </main>
  );
}
