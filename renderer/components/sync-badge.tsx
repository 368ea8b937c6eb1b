import type { SyncStatus } from '../../electron/contract/dto';
import { strings } from '../i18n/strings';

const labels = {
  not_enrolled: strings.syncNotEnrolled,
  usb_only: strings.syncUsbOnly,
  idle: strings.syncIdle,
  syncing: strings.syncSyncing,
  offline: strings.syncOffline,
  stopped: strings.syncStopped,
} as const;

/** One line saying whether the city is getting this station's records. */
export function SyncBadge({ sync }: { sync: SyncStatus }) {
  const label = labels[sync.state];
  // A clock hours off is common on old PCs with a dead CMOS battery: syncing still works, but say so.
  const offHours = sync.clockOffsetMs === null ? 0 : Math.round(Math.abs(sync.clockOffsetMs) / 3_600_000);
  return (
    <span className={`sync-badge sync-${sync.state}`} data-testid="sync-status" role="status">
      {label.vi} · {sync.waitingEvents} {strings.waitingEvents.vi}
      {offHours >= 1 && <strong data-testid="clock-warning"> · Đồng hồ máy lệch {offHours} giờ</strong>}
      <span className="en">
        {' '}
        / {label.en} · {sync.waitingEvents} {strings.waitingEvents.en}
        {offHours >= 1 && ` · clock is off by ${offHours} h`}
      </span>
    </span>
  );
}
