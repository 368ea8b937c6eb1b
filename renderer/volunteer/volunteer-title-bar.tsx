import type { Bilingual } from '../../electron/contract/dto';
import { InlineBilingual } from '../components/inline-bilingual';
import { volunteerStrings as s } from '../i18n/volunteer-strings';

/** The top of a volunteer screen: "back" first (the way out is always in the same place), then the title. Not printed. */
export function VolunteerTitleBar({ title, onBack, backTestId }: { title: Bilingual; onBack: () => void; backTestId?: string }) {
  return (
    <nav className="no-print volunteer-nav">
      <button type="button" className="button secondary" onClick={onBack} data-testid={backTestId}>
        <InlineBilingual text={s.back} />
      </button>
      <h1 className="session-name">
        <InlineBilingual text={title} />
      </h1>
    </nav>
  );
}
