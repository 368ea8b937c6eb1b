import { useEffect, useState } from 'react';
import type { StationProblem } from '../../electron/contract/dto';
import { volunteerStrings as s } from '../i18n/volunteer-strings';
import { kiosk } from '../kiosk-api';
import { CardsScreen } from './cards-screen';
import { GroupScreen } from './group-screen';
import { ReportsScreen } from './reports-screen';
import { RightsScreen } from './rights-screen';
import { SyncScreen } from './sync-screen';
import { reportStrings, rightsStrings, syncStrings } from '../i18n/volunteer-strings';

type Section = 'home' | 'group' | 'cards' | 'rights' | 'reports' | 'sync';

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
  return (
    <main className="screen volunteer" data-screen="volunteer">
      <h1 className="title">
        {s.home.vi} <span className="en">/ {s.home.en}</span>
      </h1>
      {notices.length > 0 && (
        <ul className="problems" data-testid="notices" aria-label="Cần kiểm tra / To check">
          {notices.map((notice) => (
            <li key={`${notice.code}:${notice.message}`}>
              <code>{notice.code}</code> — {notice.message}
            </li>
          ))}
        </ul>
      )}
      <div className="volunteer-menu">
        <button type="button" className="button" onClick={() => setSection('group')} data-testid="open-group">
          {s.group.vi} <span className="en">/ {s.group.en}</span>
        </button>
        <button type="button" className="button" onClick={() => setSection('cards')} data-testid="open-cards">
          {s.cards.vi} <span className="en">/ {s.cards.en}</span>
        </button>
        <button type="button" className="button" onClick={() => setSection('reports')} data-testid="open-reports">
          {reportStrings.title.vi} <span className="en">/ {reportStrings.title.en}</span>
        </button>
        <button type="button" className="button" onClick={() => setSection('sync')} data-testid="open-sync">
          {syncStrings.title.vi} <span className="en">/ {syncStrings.title.en}</span>
        </button>
        <button type="button" className="button" onClick={() => setSection('rights')} data-testid="open-rights">
          {rightsStrings.title.vi} <span className="en">/ {rightsStrings.title.en}</span>
        </button>
        <button
          type="button"
          className="button secondary"
          data-testid="volunteer-sign-out"
          onClick={() => void kiosk().volunteerSignOut({}).then(onExit)}
        >
          {s.signOut.vi} <span className="en">/ {s.signOut.en}</span>
        </button>
      </div>
    </main>
  );
}
