import { kiosk } from './kiosk-api';

/**
 * Prints the current page: Electron's print API in the kiosk; in the web host the station cannot
 * print for the page, so the browser's own print dialog does it.
 */
export async function printPage(): Promise<void> {
  const result = await kiosk().printPage({});
  if (!result.ok) window.print();
}
