import { useEffect } from 'react';
import type { Bilingual } from '../../electron/contract/dto';
import { BilingualText } from '../components/bilingual-text';
import { ReadAloudButton } from '../components/read-aloud-button';
import { identityStrings as s } from '../i18n/strings';
import { InlineBilingual } from '../components/inline-bilingual';

/** A short message (unreadable card, guest) that returns to the start by itself after a while. */
export function NoticeScreen({ kind, title, body, onDone, autoCloseMs = 12_000 }: { kind: string; title: Bilingual; body: Bilingual; onDone: () => void; autoCloseMs?: number }) {
  useEffect(() => {
    const timer = setTimeout(onDone, autoCloseMs);
    return () => clearTimeout(timer);
  }, [onDone, autoCloseMs]);
  return (
    <main className={`screen notice notice-${kind}`} data-screen={kind}>
      <BilingualText as="h1" text={title} className="title" />
      <BilingualText text={body} className="notice-body" />
      <ReadAloudButton text={{ vi: `${title.vi}. ${body.vi}`, en: title.en }} />
      <button type="button" className="button" onClick={onDone} data-testid="notice-done">
        <InlineBilingual text={s.back} />
      </button>
    </main>
  );
}
