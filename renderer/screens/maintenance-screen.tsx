import type { StationStatus } from '../../electron/contract/dto';
import { BilingualText } from '../components/bilingual-text';
import { strings } from '../i18n/strings';

/** Shown instead of a blank window when the config or the database is unusable: names the exact problem. */
export function MaintenanceScreen({ status }: { status: StationStatus }) {
  return (
    <main className="screen maintenance" data-screen="maintenance">
      <BilingualText as="h1" text={strings.maintenanceTitle} className="title" />
      <BilingualText text={strings.maintenanceBody} />
      <ul className="problems" tabIndex={0} data-testid="problems">
        {status.problems.map((problem) => (
          <li key={`${problem.code}:${problem.message}`}>
            <code>{problem.code}</code> — {problem.message}
          </li>
        ))}
      </ul>
      <p className="station-id">
        {status.stationId} · v{status.appVersion}
      </p>
    </main>
  );
}
