import type { Bilingual } from '../i18n/strings';

/** Vietnamese, then " / English" in the smaller English style, on one line: for buttons and short lines. */
export function InlineBilingual({ text }: { text: Bilingual }) {
  return (
    <>
      {text.vi} <span className="en">/ {text.en}</span>
    </>
  );
}
