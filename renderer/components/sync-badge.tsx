import type { SyncStatus } from '../../electron/contract/dto';
import { strings } from '../i18n/strings';

const labels = {
  not_enrolled: strings.syncNotEnrolled,
  idle: strings.syncIdle,
  syncing: strings.syncSyncing,
  offline: strings.syncOffline,
  stopped: strings.syncStopped,
} as const;

/** One line saying whether the city is getting this station's records. */
export function SyncBadge({ sync }: { sync: SyncStatus }) {
  const label = labels[sync.state];
  return (
    <span className={`sync-badge sync-${sync.state}`} data-testid="sync-status" role="status">
      {label.vi} · {sync.waitingEvents} {strings.waitingEvents.vi}
      <span className="en"> / {label.en} · {sync.waitingEvents} {strings.waitingEvents.en}</span>
    </span>
  );
}
