/**
 * Tells the sync service when the network comes back, so a station that was offline for hours uploads
 * at once instead of waiting out its backoff: Electron's `net.isOnline()` is polled (it has no event in
 * the main process), and waking from sleep counts as a possible return too.
 */
import { net, powerMonitor } from 'electron';

export const NETWORK_POLL_MS = 15_000;

/** Calls `onOnline` on every offline → online change and on resume. Returns a stop function. */
export function watchNetwork(onOnline: () => void, pollMs = NETWORK_POLL_MS): () => void {
  let wasOnline = net.isOnline();
  const timer = setInterval(() => {
    const isOnline = net.isOnline();
    if (isOnline && !wasOnline) onOnline();
    wasOnline = isOnline;
  }, pollMs);
  const onResume = () => onOnline();
  powerMonitor.on('resume', onResume);
  return () => {
    clearInterval(timer);
    powerMonitor.removeListener('resume', onResume);
  };
}
