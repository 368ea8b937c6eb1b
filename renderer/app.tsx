import { useEffect, useState } from 'react';
import type { StationStatus } from '../electron/contract/dto';
import { BilingualText } from './components/bilingual-text';
import { strings } from './i18n/strings';
import { kiosk } from './kiosk-api';
import { AttractScreen } from './screens/attract-screen';
import { MaintenanceScreen } from './screens/maintenance-screen';

const STATUS_REFRESH_MS = 15_000;

/** The kiosk's root: asks the station for its status and picks the screen. */
export function App() {
  const [status, setStatus] = useState<StationStatus | null>(null);
  const [unreachable, setUnreachable] = useState<string | null>(null);

  useEffect(() => {
    let alive = true;
    const refresh = async () => {
      const result = await kiosk().getStatus({});
      if (!alive) return;
      if (result.ok) {
        setStatus(result.value);
        setUnreachable(null);
      } else setUnreachable(result.error.message);
    };
    void refresh();
    const timer = setInterval(() => void refresh(), STATUS_REFRESH_MS);
    const unsubscribe = kiosk().on('syncChanged', (sync) => setStatus((current) => (current ? { ...current, sync } : current)));
    return () => {
      alive = false;
      clearInterval(timer);
      unsubscribe();
    };
  }, []);

  if (unreachable !== null && status === null) {
    return (
      <main className="screen maintenance" data-screen="unreachable">
        <BilingualText as="h1" text={strings.maintenanceTitle} className="title" />
        <p>{unreachable}</p>
      </main>
    );
  }
  if (status === null) {
    return (
      <main className="screen loading" data-screen="loading">
        <BilingualText as="h1" text={strings.loading} className="title" />
      </main>
    );
  }
  if (status.problems.length > 0) return <MaintenanceScreen status={status} />;
  return <AttractScreen status={status} />;
}
