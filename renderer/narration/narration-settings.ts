/**
 * Narration settings for this page: autoplay comes from the kiosk config (StationStatus.narration),
 * the speed from the learner's "Đọc chậm" choice. The speed goes back to normal at every privacy
 * reset, so the next learner starts at 1× (resetNarrationSettings, called with the idle reset).
 */
export const SLOW_RATE = 0.8;

export const narrationSettings = { autoplay: true, rate: 1 };

export function resetNarrationRate(): void {
  narrationSettings.rate = 1;
}

/** Applies the kiosk config's autoplay choice (from StationStatus.narration; on when absent). */
export function applyNarrationConfig(autoplay: boolean | undefined): void {
  narrationSettings.autoplay = autoplay ?? true;
}
