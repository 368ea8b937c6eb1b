import { useEffect } from 'react';
import type { StationStatus } from '../../electron/contract/dto';
import { applyNarrationConfig, resetNarrationRate } from './narration-settings';

/** Keeps the narration settings in step with the station's config, and back at 1× on the start screen. */
export function useNarrationSettings(status: StationStatus, onStartScreen: boolean): void {
  const autoplay = status.narration?.autoplay;
  useEffect(() => applyNarrationConfig(autoplay), [autoplay]);
  useEffect(() => {
    if (onStartScreen) resetNarrationRate();
  }, [onStartScreen]);
}
