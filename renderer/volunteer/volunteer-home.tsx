import { useEffect, useState } from 'react';
import type { StationProblem } from '../../electron/contract/dto';
import { volunteerStrings as s } from '../i18n/volunteer-strings';
import { kiosk } from '../kiosk-api';
import { CardsScreen } from './cards-screen';
import { VolunteerCardsScreen } from './volunteer-cards-screen';
import { GroupScreen } from './group-screen';
import { ReportsScreen } from './reports-screen';
import { RightsScreen } from './rights-screen';
import { SyncScreen } from './sync-screen';
import { reportStrings, rightsStrings, syncStrings, volunteerCardStrings } from '../i18n/volunteer-strings';
import { InlineBilingual } from '../components/inline-bilingual';

type Section = 'home' | 'group' | 'cards' | 'volunteer-cards' | 'rights' | 'reports' | 'sync';

/** The volunteer's screens, reached by PIN or volunteer card. */
export function VolunteerHome({ onExit }: { onExit: () => void }) {
  const [section, setSection] = useState<Section>('home');
  const [notices, setNotices] = useState<readonly StationProblem[]>([]);
  useEffect(() => {
    void kiosk().getStatus({}).then((result) => result.ok && setNotices(result.value.notices));
  }, []);
  if (section === 'group') return <GroupScreen onBack={() => setSection('home')} />;
  if (section === 'cards') return <CardsScreen onBack={() => setSection('home')} />;
  if (section === 'rights') return <RightsScreen onBack={() => setSection('home')} />;
  if (section === 'reports') return <ReportsScreen onBack={() => setSection('home')} />;
  if (section === 'sync') return <SyncScreen onBack={() => setSection('home')} />;
  if (section === 'volunteer-cards') return <VolunteerCardsScreen onBack={() => setSection('home')} />;
  return (
    <main className="screen volunteer" data-screen="volunteer">
      <h1 className="title">
        <InlineBilingual text={s.home} />
      </h1>
      {notices.length > 0 && (
        <ul className="problems" tabIndex={0} data-testid="notices" aria-label="Cần kiểm tra / To check">
          {notices.map((notice) => (
            <li key={`${notice.code}:${notice.message}`}>
              <code>{notice.code}</code> — {notice.message}
            </li>
          ))}
        </ul>
      )}
      <div className="volunteer-menu">
        <button type="button" className="button" onClick={() => setSection('group')} data-testid="open-group">
          <InlineBilingual text={s.group} />
        </button>
        <button type="button" className="button" onClick={() => setSection('cards')} data-testid="open-cards">
          <InlineBilingual text={s.cards} />
        </button>
        <button type="button" className="button" onClick={() => setSection('reports')} data-testid="open-reports">
          <InlineBilingual text={reportStrings.title} />
        </button>
        <button type="button" className="button" onClick={() => setSection('sync')} data-testid="open-sync">
          <InlineBilingual text={syncStrings.title} />
        </button>
        <button type="button" className="button" onClick={() => setSection('rights')} data-testid="open-rights">
          <InlineBilingual text={rightsStrings.title} />
        </button>
        <button type="button" className="button" onClick={() => setSection('volunteer-cards')} data-testid="open-volunteer-cards">
          <InlineBilingual text={volunteerCardStrings.title} />
        </button>
        <button
          type="button"
          className="button secondary"
          data-testid="volunteer-sign-out"
          onClick={() => void kiosk().volunteerSignOut({}).then(onExit)}
        >
          <InlineBilingual text={s.signOut} />
        </button>
      </div>
    </main>
  );
}
