import type { ReactNode } from 'react';
import { BilingualText } from './components/bilingual-text';
import { useStationStatus } from './hooks/use-station-status';
import { strings } from './i18n/strings';
import { KioskFlow } from './kiosk-flow';
import { PrintNotice } from './components/print-notice';
import { MaintenanceScreen } from './screens/maintenance-screen';

function Centered({ screen, children }: { screen: string; children: ReactNode }) {
  return (
    <main className="screen maintenance" data-screen={screen}>
      {children}
    </main>
  );
}

/** The kiosk's root: asks the station for its status and picks maintenance or the walk-in flow. */
export function App() {
  const { status, unreachable } = useStationStatus();
  if (unreachable !== null && status === null) {
    return (
      <Centered screen="unreachable">
        <BilingualText as="h1" text={strings.maintenanceTitle} className="title" />
        <p>{unreachable}</p>
      </Centered>
    );
  }
  if (status === null) {
    return (
      <Centered screen="loading">
        <BilingualText as="h1" text={strings.loading} className="title" />
      </Centered>
    );
  }
  if (status.problems.length > 0) return <MaintenanceScreen status={status} />;
  return (
    <>
      <KioskFlow status={status} />
      <PrintNotice />
    </>
  );
}
