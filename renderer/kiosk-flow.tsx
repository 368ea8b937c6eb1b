import { useCallback, useEffect, useState } from 'react';
import type { ScanOutcome, StationStatus, TrackId } from '../electron/contract/dto';
import { DemoPanel } from './components/demo-panel';
import { useIdleReset } from './hooks/use-idle-reset';
import { useWedgeScanner } from './hooks/use-wedge-scanner';
import { IdleWarning } from './components/idle-warning';
import { identityStrings, lessonStrings } from './i18n/strings';
import { kiosk } from './kiosk-api';
import { AttractScreen } from './screens/attract-screen';
import { CertificateScreen } from './screens/certificate-screen';
import { ConsentScreen } from './screens/consent-screen';
import { LessonList } from './screens/lesson-list';
import { LessonPlayer } from './screens/lesson-player';
import { useNarrationSettings } from './narration/use-narration-settings';
import { NoticeScreen } from './screens/notice-screen';
import { SessionScreen } from './screens/session-screen';
import { volunteerStrings } from './i18n/volunteer-strings';
import { PinPad } from './volunteer/pin-pad';
import { VolunteerHome } from './volunteer/volunteer-home';
import { InlineBilingual } from './components/inline-bilingual';

type Welcome = Extract<ScanOutcome, { kind: 'welcome' }>;
/** Who is at the kiosk: a registered learner, a guest, or nobody. */
type Session = { readonly kind: 'learner'; readonly welcome: Welcome } | { readonly kind: 'guest' };

type View =
  | { readonly screen: 'attract' }
  | { readonly screen: 'consent'; readonly pendingId: string; readonly greetingName: string }
  | { readonly screen: 'home' }
  | { readonly screen: 'lesson'; readonly lessonId: string }
  | { readonly screen: 'certificate' }
  | { readonly screen: 'rejected'; readonly message: { vi: string; en: string } }
  | { readonly screen: 'pin' }
  | { readonly screen: 'exit-pin' }
  | { readonly screen: 'volunteer' };

/** The walk-in flow: attract → (consent) → lessons, driven by the station's scan outcomes. */
export function KioskFlow({ status }: { status: StationStatus }) {
  const [view, setView] = useState<View>({ screen: 'attract' });
  const [session, setSession] = useState<Session | null>(null);
  // The track picked on the lesson list in this session (a guest's is kept only here).
  const [track, setTrack] = useState<TrackId | null>(null);
  useWedgeScanner(view.screen !== 'consent' && view.screen !== 'pin' && view.screen !== 'exit-pin');

  const apply = useCallback((outcome: ScanOutcome) => {
    switch (outcome.kind) {
      case 'welcome':
        setTrack(null);
        setSession({ kind: 'learner', welcome: outcome });
        setView({ screen: 'home' });
        return;
      case 'consent':
        setView({ screen: 'consent', pendingId: outcome.pendingId, greetingName: outcome.givenName ? `${outcome.honorific} ${outcome.givenName}` : '' });
        return;
      case 'guest':
        setTrack(null);
        setSession({ kind: 'guest' });
        setView({ screen: 'home' });
        return;
      case 'rejected':
        setView((current) => (current.screen === 'attract' || current.screen === 'rejected' ? { screen: 'rejected', message: outcome.message } : current));
        return;
      case 'volunteer':
        setView({ screen: 'volunteer' });
        return;
    }
  }, []);

  useEffect(() => kiosk().on('scanOutcome', apply), [apply]);
  useEffect(() => kiosk().on('exitRequested', () => setView({ screen: 'exit-pin' })), []);

  const toAttract = useCallback(() => setView({ screen: 'attract' }), []);
  const finish = useCallback(() => {
    void kiosk().endVisit({ reason: 'user' });
    setSession(null);
    setView({ screen: 'attract' });
  }, []);
  const home = useCallback(() => setView({ screen: 'home' }), []);

  const [groupActive, setGroupActive] = useState(false);
  useEffect(() => kiosk().on('groupChanged', (group) => setGroupActive(group.active)), []);
  const privacyReset = useCallback(() => {
    void kiosk().endVisit({ reason: 'idle' });
    void kiosk().volunteerSignOut({});
    setSession(null);
    setView({ screen: 'attract' });
  }, []);
  const idle = useIdleReset(status.idle, view.screen === 'attract' || groupActive, privacyReset);
  useNarrationSettings(status, view.screen === 'attract');
  const screen = renderView();
  return (
    <>
      {screen}
      {idle.phase.phase === 'warning' && <IdleWarning secondsLeft={idle.phase.secondsLeft} onExtend={idle.extend} />}
    </>
  );

  function renderView() {
    switch (view.screen) {
      case 'attract':
        return (
          <AttractScreen status={status}>
            {status.demoMode && <DemoPanel />}
            <button type="button" className="button secondary volunteer-entry" onClick={() => setView({ screen: 'pin' })} data-testid="volunteer-entry">
              <InlineBilingual text={volunteerStrings.entry} />
            </button>
          </AttractScreen>
        );
      case 'pin':
        return <PinPad onSignedIn={() => setView({ screen: 'volunteer' })} onCancel={toAttract} />;
      case 'volunteer':
        return <VolunteerHome onExit={toAttract} />;
      case 'exit-pin':
        return <PinPad mode="exit" onSignedIn={toAttract} onCancel={toAttract} />;
      case 'consent':
        return (
          <ConsentScreen
            greetingName={view.greetingName}
            onAnswer={(accept) =>
              void kiosk()
                .answerConsent({ pendingId: view.pendingId, accept })
                .then((result) => (result.ok ? apply(result.value) : setView({ screen: 'attract' })))
            }
          />
        );
      case 'home':
        return (
          <SessionScreen welcome={session?.kind === 'learner' ? session.welcome : null} onFinish={finish}>
            {session?.kind === 'guest' && <p className="note">{lessonStrings.guestNote.vi} / {lessonStrings.guestNote.en}</p>}
            <LessonList
              track={track}
              onChooseTrack={(chosen) => {
                setTrack(chosen);
                if (session?.kind === 'learner') void kiosk().chooseTrack({ track: chosen });
              }}
              onOpen={(lesson) => setView({ screen: 'lesson', lessonId: lesson.id })}
            />
          </SessionScreen>
        );
      case 'lesson':
        return (
          <SessionScreen welcome={session?.kind === 'learner' ? session.welcome : null} onFinish={finish} compact>
            <LessonPlayer
              key={view.lessonId}
              lessonId={view.lessonId}
              canCertify={session?.kind === 'learner'}
              onOpenLesson={(id) => setView({ screen: 'lesson', lessonId: id })}
              onList={home}
              onCertificate={() => setView({ screen: 'certificate' })}
            />
          </SessionScreen>
        );
      case 'certificate':
        return <CertificateScreen onClose={home} />;
      case 'rejected':
        return <NoticeScreen kind="rejected" title={identityStrings.rejectedTitle} body={view.message} onDone={toAttract} />;
    }
  }
}
