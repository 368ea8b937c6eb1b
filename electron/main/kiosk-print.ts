/**
 * Printing in the kiosk, always silent. Chromium's print dialog offers "Save as PDF" and, through the
 * Windows one, a file dialog: right-click on cmd.exe → Open is a classic way out of a kiosk to a
 * shell as the kiosk account. So the page is sent straight to the printer of the station config (or
 * the PC's default printer) with `silent: true`, and a failure comes back as a bilingual message for
 * the page to show; no code path here opens a dialog. The OS side removes the PDF printers and
 * locks the file dialogs down as well (build/windows/setup-kiosk.ps1).
 */
import type { WebContents } from 'electron';

export interface PrintOutcome {
  readonly printed: boolean;
  readonly detail: string | null;
}

/** Prints `contents` silently to `printerName` (null: the default printer). Never throws. */
export function printSilently(contents: Pick<WebContents, 'print'>, printerName: string | null): Promise<PrintOutcome> {
  return new Promise((resolve) => {
    try {
      contents.print({ silent: true, printBackground: true, ...(printerName === null ? {} : { deviceName: printerName }) }, (success, failureReason) => {
        resolve(success ? { printed: true, detail: null } : { printed: false, detail: `Không in được, hãy báo tình nguyện viên. / Could not print (${failureReason || 'no printer'}); tell a volunteer.` });
      });
    } catch (error) {
      resolve({ printed: false, detail: `Không in được, hãy báo tình nguyện viên. / Could not print (${(error as Error).message}); tell a volunteer.` });
    }
  });
}
