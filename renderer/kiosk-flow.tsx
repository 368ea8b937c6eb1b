import { useCallback, useEffect, useState } from 'react';
import type { ScanOutcome, StationStatus } from '../electron/contract/dto';
import { DemoPanel } from './components/demo-panel';
import { useWedgeScanner } from './hooks/use-wedge-scanner';
import { identityStrings } from './i18n/strings';
import { kiosk } from './kiosk-api';
import { AttractScreen } from './screens/attract-screen';
import { ConsentScreen } from './screens/consent-screen';
import { NoticeScreen } from './screens/notice-screen';
import { WelcomeScreen } from './screens/welcome-screen';

type View =
  | { readonly screen: 'attract' }
  | { readonly screen: 'consent'; readonly pendingId: string; readonly greetingName: string }
  | { readonly screen: 'welcome'; readonly welcome: Extract<ScanOutcome, { kind: 'welcome' }> }
  | { readonly screen: 'guest' }
  | { readonly screen: 'rejected'; readonly outcome: Extract<ScanOutcome, { kind: 'rejected' }> };

function viewFor(outcome: ScanOutcome): View {
  switch (outcome.kind) {
    case 'welcome':
      return { screen: 'welcome', welcome: outcome };
    case 'consent':
      return { screen: 'consent', pendingId: outcome.pendingId, greetingName: outcome.givenName ? `${outcome.honorific} ${outcome.givenName}` : '' };
    case 'guest':
      return { screen: 'guest' };
    case 'rejected':
      return { screen: 'rejected', outcome };
  }
}

/** The walk-in flow: attract → (consent) → welcome, driven by the station's scan outcomes. */
export function KioskFlow({ status }: { status: StationStatus }) {
  const [view, setView] = useState<View>({ screen: 'attract' });
  useWedgeScanner(view.screen !== 'consent');

  useEffect(() => kiosk().on('scanOutcome', (outcome) => setView(viewFor(outcome))), []);

  const toAttract = useCallback(() => setView({ screen: 'attract' }), []);
  const finish = useCallback(() => {
    void kiosk().endVisit({ reason: 'user' });
    setView({ screen: 'attract' });
  }, []);

  switch (view.screen) {
    case 'attract':
      return (
        <AttractScreen status={status}>
          {status.demoMode && <DemoPanel />}
        </AttractScreen>
      );
    case 'consent':
      return (
        <ConsentScreen
          greetingName={view.greetingName}
          onAnswer={(accept) =>
            void kiosk()
              .answerConsent({ pendingId: view.pendingId, accept })
              .then((result) => setView(result.ok ? viewFor(result.value) : { screen: 'attract' }))
          }
        />
      );
    case 'welcome':
      return <WelcomeScreen welcome={view.welcome} onFinish={finish} />;
    case 'guest':
      return <NoticeScreen kind="guest" title={identityStrings.guestTitle} body={identityStrings.guestBody} onDone={toAttract} />;
    case 'rejected':
      return <NoticeScreen kind="rejected" title={identityStrings.rejectedTitle} body={view.outcome.message} onDone={toAttract} />;
  }
}
