import { useEffect } from 'react';
import { WedgeBurstDetector } from '../../electron/core/scanning/wedge-burst';
import { kiosk } from '../kiosk-api';

/**
 * Listens for keyboard-wedge scanners: a scanner types the QR text as a burst of key presses far faster
 * than a person. Bursts go to the station, which parses them like any other scan.
 */
export function useWedgeScanner(enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    const detector = new WedgeBurstDetector();
    const send = (text: string) => void kiosk().submitScan({ text, method: 'keyboard' });
    const onKey = (event: KeyboardEvent) => {
      const result = detector.key({ key: event.key, timeMs: event.timeStamp });
      if (result.kind === 'scan') send(result.text);
      if (detector.isBuffering || event.key === 'Enter') event.preventDefault();
    };
    const timer = setInterval(() => {
      const result = detector.flush(performance.now());
      if (result.kind === 'scan') send(result.text);
    }, 50);
    window.addEventListener('keydown', onKey, true);
    return () => {
      window.removeEventListener('keydown', onKey, true);
      clearInterval(timer);
    };
  }, [enabled]);
}
