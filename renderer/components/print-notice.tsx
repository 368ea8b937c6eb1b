import { useEffect, useState } from 'react';
import { PRINT_PROBLEM_EVENT } from '../print';

const SHOWN_MS = 12_000;

/** Says so when a print could not be made (no printer, out of paper), for a few seconds. */
export function PrintNotice() {
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const show = (event: Event) => {
      setMessage(String((event as CustomEvent<unknown>).detail ?? 'Không in được. / Could not print.'));
      clearTimeout(timer);
      timer = setTimeout(() => setMessage(null), SHOWN_MS);
    };
    window.addEventListener(PRINT_PROBLEM_EVENT, show);
    return () => {
      window.removeEventListener(PRINT_PROBLEM_EVENT, show);
      clearTimeout(timer);
    };
  }, []);
  if (message === null) return null;
  return (
    <p className="print-notice no-print" role="alert" data-testid="print-notice">
      {message}
    </p>
  );
}
