import { useEffect, useState } from 'react';
import type { VolunteerStatus } from '../../electron/contract/dto';
import { volunteerStrings as s } from '../i18n/volunteer-strings';
import { kiosk } from '../kiosk-api';
import { InlineBilingual } from '../components/inline-bilingual';
import { FirstSetup } from './first-setup';

/** Big-key PIN pad for volunteer sign-in; the PIN never leaves the station's check. */
export function PinPad({ onSignedIn, onCancel, mode = 'sign-in' }: { onSignedIn: () => void; onCancel: () => void; mode?: 'sign-in' | 'exit' }) {
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<VolunteerStatus | null>(null);
  useEffect(() => {
    void kiosk().getVolunteerStatus({}).then((result) => result.ok && setStatus(result.value));
  }, []);
  const submit = async () => {
    if (mode === 'exit') {
      // Leaving the kiosk: the Electron shell checks the PIN and quits; a wrong PIN ends the request.
      const exit = await kiosk().submitExitPin({ pin });
      setPin('');
      if (!exit.ok || exit.value.result !== 'exiting') onCancel();
      return;
    }
    const result = await kiosk().volunteerSignIn({ pin });
    setPin('');
    if (result.ok && result.value.signedIn) onSignedIn();
    else if (!result.ok) setError(result.error.message);
  };
  // An installed station without a PIN: no one could sign in, so the first volunteer sets one up.
  if (mode === 'sign-in' && status?.needsFirstSetup) return <FirstSetup onSignedIn={onSignedIn} onCancel={onCancel} />;
  return (
    <main className="screen pin-screen" data-screen="pin">
      <h1 className="title">
        <InlineBilingual text={s.pinTitle} />
      </h1>
      <p>
        <InlineBilingual text={s.pinHint} />
        {status?.demoPin && (
          <strong data-testid="demo-pin">
            {' '}
            · {s.demoPin.vi}: {status.demoPin}
          </strong>
        )}
      </p>
      <output className="pin-display" aria-label="PIN">
        {'●'.repeat(pin.length) || ' '}
      </output>
      {error && (
        <p className="note" role="alert" data-testid="pin-error">
          {error}
        </p>
      )}
      <div className="pin-keys">
        {['1', '2', '3', '4', '5', '6', '7', '8', '9'].map((digit) => (
          <button key={digit} type="button" className="button secondary pin-key" data-pin-key={digit} onClick={() => setPin((current) => (current.length < 8 ? current + digit : current))}>
            {digit}
          </button>
        ))}
        <button type="button" className="button secondary pin-key" onClick={() => setPin('')}>
          {s.clear.vi}
        </button>
        <button type="button" className="button secondary pin-key" data-pin-key="0" onClick={() => setPin((current) => (current.length < 8 ? `${current}0` : current))}>
          0
        </button>
        <button type="button" className="button pin-key" disabled={pin.length < 4} onClick={() => void submit()} data-testid="pin-ok">
          {s.ok.vi}
        </button>
      </div>
      <button type="button" className="button secondary" onClick={onCancel} data-testid="pin-cancel">
        <InlineBilingual text={s.cancel} />
      </button>
    </main>
  );
}
