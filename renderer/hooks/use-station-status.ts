import { useEffect, useState } from 'react';
import type { StationStatus } from '../../electron/contract/dto';
import { kiosk } from '../kiosk-api';

const STATUS_REFRESH_MS = 15_000;

/** The station's status, refreshed periodically and on sync events. */
export function useStationStatus(): { status: StationStatus | null; unreachable: string | null } {
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
  return { status, unreachable };
}
