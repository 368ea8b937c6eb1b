import { useEffect, useState } from 'react';
import type { GroupStatus, GroupSummary, LessonSummary, PrintableCard } from '../../electron/contract/dto';
import { volunteerStrings as s } from '../i18n/volunteer-strings';
import { kiosk } from '../kiosk-api';
import { CardSheet } from './card-sheet';
import { printPage } from '../print';
import { InlineBilingual } from '../components/inline-bilingual';
import { VolunteerTitleBar } from './volunteer-title-bar';

/** Setting up a session: the lesson and the volunteer's confirmation that the group agreed. */
function GroupSetup({ onStarted }: { onStarted: (status: GroupStatus) => void }) {
  const [lessons, setLessons] = useState<readonly LessonSummary[]>([]);
  const [lessonId, setLessonId] = useState<string>('');
  const [confirmed, setConfirmed] = useState(false);
  useEffect(() => {
    void kiosk().listLessons({}).then((result) => result.ok && setLessons(result.value));
  }, []);
  return (
    <section className="group-setup">
      <label className="field">
        <InlineBilingual text={s.chooseLesson} />
        <select value={lessonId} onChange={(event) => setLessonId(event.target.value)} data-testid="group-lesson">
          <option value="">{s.noLesson.vi}</option>
          {lessons.map((lesson) => (
            <option key={lesson.id} value={lesson.id}>
              {lesson.title.vi}
            </option>
          ))}
        </select>
      </label>
      <label className="check">
        <input type="checkbox" checked={confirmed} onChange={(event) => setConfirmed(event.target.checked)} data-testid="group-consent" />
        <span>
          {s.consentConfirm.vi} <span className="en">{s.consentConfirm.en}</span>
        </span>
      </label>
      <button
        type="button"
        className="button"
        disabled={!confirmed}
        data-testid="group-start"
        onClick={() => void kiosk().startGroup({ lessonId: lessonId || null, consentConfirmed: true }).then((result) => result.ok && onStarted(result.value))}
      >
        <InlineBilingual text={s.start} />
      </button>
    </section>
  );
}

/** The projector view: a big count and first names only; the newest check-in highlighted. */
function Roster({ status }: { status: GroupStatus }) {
  const last = status.lastScan;
  return (
    <section className="roster" aria-live="polite">
      <div className="roster-status" tabIndex={0}>
        <p className="roster-count">
          <strong data-testid="roster-count">{status.count}</strong> <InlineBilingual text={s.present} />
        </p>
        {status.lessonTitle && <p className="roster-lesson">{status.lessonTitle.vi}</p>}
        <p className="roster-prompt">
          <InlineBilingual text={s.scanNow} />
        </p>
        {last && (
          <p className={`roster-last ${last.kind}`} data-testid="roster-last" data-kind={last.kind}>
            {last.kind === 'joined' && `${s.joined.vi}: ${last.givenName ?? ''}`}
            {last.kind === 'duplicate' && `${s.duplicate.vi}: ${last.givenName ?? ''}`}
            {last.kind === 'rejected' && (last.message?.vi ?? '')}
          </p>
        )}
      </div>
      <ol className="roster-names" tabIndex={0}>
        {status.attendees.map((attendee, index) => (
          <li key={`${attendee.joinedWallMs}-${index}`}>{attendee.givenName || `#${index + 1}`}</li>
        ))}
      </ol>
    </section>
  );
}

/** A volunteer-led group session from start to summary. */
export function GroupScreen({ onBack }: { onBack: () => void }) {
  const [status, setStatus] = useState<GroupStatus | null>(null);
  const [summary, setSummary] = useState<GroupSummary | null>(null);
  const [newCard, setNewCard] = useState<PrintableCard | null>(null);
  const [name, setName] = useState('');
  useEffect(() => {
    void kiosk().getGroup({}).then((result) => result.ok && setStatus(result.value));
    return kiosk().on('groupChanged', setStatus);
  }, []);
  return (
    <main className="screen volunteer group" data-screen="group">
      <VolunteerTitleBar title={s.group} onBack={onBack} backTestId="group-back" />
      {summary && (
        <section className="group-summary" data-testid="group-summary">
          <h2>{s.summary.vi}</h2>
          <p>
            {s.attendees.vi}: <strong data-testid="summary-attendees">{summary.attendees}</strong> · {s.minutes.vi}: {Math.round(summary.durationMs / 60_000)}
            {summary.completed && ` · ${s.completed.vi}`}
          </p>
        </section>
      )}
      {status && !status.active && <GroupSetup onStarted={(started) => { setSummary(null); setStatus(started); }} />}
      {status?.active && (
        <>
          <Roster status={status} />
          <div className="group-actions no-print">
            <input className="text-input" value={name} onChange={(event) => setName(event.target.value)} placeholder={s.nameOptional.vi} aria-label={s.nameOptional.vi} />
            <button
              type="button"
              className="button secondary"
              data-testid="group-add-without-card"
              onClick={() => void kiosk().groupAddWithoutCard({ displayName: name.trim() || null, birthYear: null }).then((result) => {
                if (result.ok) {
                  setStatus(result.value.status);
                  setNewCard(result.value.card);
                  setName('');
                }
              })}
            >
              <InlineBilingual text={s.addWithoutCard} />
            </button>
            {status.lessonId && !status.completed && (
              <button type="button" className="button" data-testid="group-complete" onClick={() => void kiosk().groupMarkCompleted({}).then((result) => result.ok && setStatus(result.value))}>
                <InlineBilingual text={s.markCompleted} />
              </button>
            )}
            <button type="button" className="button" data-testid="group-end" onClick={() => void kiosk().endGroup({}).then((result) => result.ok && setSummary(result.value))}>
              <InlineBilingual text={s.end} />
            </button>
          </div>
          {newCard && (
            <div className="new-card">
              <CardSheet cards={[newCard]} />
              <button type="button" className="button no-print" onClick={() => void printPage()}>
                {s.print.vi}
              </button>
            </div>
          )}
        </>
      )}
    </main>
  );
}
