import type { StationStatus } from '../../electron/contract/dto';
import { BilingualText } from '../components/bilingual-text';
import { ReadAloudButton } from '../components/read-aloud-button';
import { SyncBadge } from '../components/sync-badge';
import { strings } from '../i18n/strings';

/** The screen an idle station shows: who we are, what to do, and whether the city gets the data. */
export function AttractScreen({ status, children }: { status: StationStatus; children?: React.ReactNode }) {
  const prompt = { vi: `${strings.welcome.vi} — ${strings.scanPrompt.vi.toLowerCase()}`, en: `${strings.welcome.en} — ${strings.scanPrompt.en.toLowerCase()}` };
  return (
    <main className="screen attract" data-screen="attract">
      <header className="station-header">
        <span className="station-name">{status.stationName}</span>
        {status.demoMode && (
          <span className="demo-badge" data-testid="demo-badge">
            {strings.demoBadge.vi} / {strings.demoBadge.en}
          </span>
        )}
      </header>
      <section className="attract-body">
        <BilingualText as="h1" text={strings.welcome} className="title" />
        <div className="qr-illustration" aria-hidden="true">
          <svg viewBox="0 0 120 80" width="180" height="120">
            <rect x="4" y="4" width="112" height="72" rx="8" fill="#fff" stroke="#0b3d2e" strokeWidth="4" />
            <rect x="70" y="18" width="36" height="36" fill="#0b3d2e" />
            <rect x="76" y="24" width="10" height="10" fill="#fff" />
            <rect x="90" y="38" width="10" height="10" fill="#fff" />
            <rect x="14" y="20" width="44" height="6" fill="#0b3d2e" />
            <rect x="14" y="34" width="34" height="6" fill="#0b3d2e" />
            <rect x="14" y="48" width="40" height="6" fill="#0b3d2e" />
          </svg>
        </div>
        <BilingualText as="h2" text={strings.scanPrompt} className="prompt" />
        <BilingualText text={strings.scanHint} className="hint" />
        <ReadAloudButton text={{ vi: `${prompt.vi}. ${strings.scanHint.vi}`, en: prompt.en }} />
      </section>
      {children}
      <footer className="station-footer">
        <span>{status.wardName}</span>
        <SyncBadge sync={status.sync} />
      </footer>
    </main>
  );
}
