import { kiosk, runsInKioskShell } from './kiosk-api';

/** The event the page listens to (components/print-notice.tsx) when a print could not be made. */
export const PRINT_PROBLEM_EVENT = 'tram-print-problem';

/**
 * Prints the current page. In the kiosk the station prints silently to its printer and never opens
 * a print dialog (a dialog's "Save as" is a way out of the kiosk), so `window.print()` is never
 * called there, not even when printing fails: the failure is announced instead. In a browser on the
 * web host (authors, tests) the station cannot print for the page, so the browser's dialog does.
 */
export async function printPage(): Promise<void> {
  const result = await kiosk().printPage({});
  if (result.ok) {
    if (!result.value.printed) window.dispatchEvent(new CustomEvent(PRINT_PROBLEM_EVENT, { detail: result.value.detail }));
    return;
  }
  if (!runsInKioskShell()) window.print();
}
