import { useState } from 'react';
import { volunteerStrings as s } from '../i18n/volunteer-strings';
import { InlineBilingual } from '../components/inline-bilingual';
import { kiosk } from '../kiosk-api';

const PIN = /^\d{6,8}$/;

/**
 * First set-up of an installed station that has no volunteer PIN: the one-time enrolment code from
 * the province proves the volunteer may run this station, enrols it, and the new PIN is set. Without
 * this an installed kiosk could never be signed into (no PIN, hence no volunteer to set one).
 */
export function FirstSetup({ onSignedIn, onCancel }: { onSignedIn: () => void; onCancel: () => void }) {
  const [code, setCode] = useState('');
  const [pin, setPin] = useState('');
  const [again, setAgain] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const differ = again.length > 0 && again !== pin;
  const ready = code.trim().length >= 4 && PIN.test(pin) && again === pin && !busy;
  const submit = async () => {
    setBusy(true);
    setError(null);
    const result = await kiosk().firstSetup({ code: code.trim(), pin });
    setBusy(false);
    if (result.ok && result.value.signedIn) {
      onSignedIn();
      return;
    }
    setPin('');
    setAgain('');
    if (!result.ok) setError(result.error.message);
  };
  const digitsOnly = (text: string) => text.replace(/\D/g, '').slice(0, 8);
  return (
    <main className="screen first-setup" data-screen="first-setup">
      <h1 className="title">
        <InlineBilingual text={s.setupTitle} />
      </h1>
      {/* The explanation scrolls inside its own region; the fields and the buttons always fit. */}
      <div className="first-setup-hint" tabIndex={0}>
        <p lang="vi">{s.setupHint.vi}</p>
        <p lang="en" className="en">
          {s.setupHint.en}
        </p>
      </div>
      <section className="first-setup-fields">
        <label className="field first-setup-code">
          <InlineBilingual text={s.setupCode} />
          <input className="text-input" value={code} onChange={(event) => setCode(event.target.value)} autoComplete="off" data-testid="setup-code" />
        </label>
        <label className="field">
          <InlineBilingual text={s.newPin} />
          <input className="text-input" type="password" inputMode="numeric" value={pin} onChange={(event) => setPin(digitsOnly(event.target.value))} autoComplete="off" data-testid="setup-pin" />
        </label>
        <label className="field">
          <InlineBilingual text={s.newPinAgain} />
          <input className="text-input" type="password" inputMode="numeric" value={again} onChange={(event) => setAgain(digitsOnly(event.target.value))} autoComplete="off" data-testid="setup-pin-again" />
        </label>
        {differ && (
          <p className="note first-setup-wide" role="alert" data-testid="setup-pins-differ">
            <InlineBilingual text={s.pinsDiffer} />
          </p>
        )}
        {error && (
          <p className="note first-setup-wide" role="alert" data-testid="setup-error">
            {error}
          </p>
        )}
      </section>
      <div className="first-setup-actions">
        <button type="button" className="button" disabled={!ready} onClick={() => void submit()} data-testid="setup-do">
          <InlineBilingual text={s.setupDo} />
        </button>
        <button type="button" className="button secondary" onClick={onCancel} data-testid="setup-cancel">
          <InlineBilingual text={s.cancel} />
        </button>
      </div>
    </main>
  );
}
