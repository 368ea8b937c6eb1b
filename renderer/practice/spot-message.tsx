import type { PracticePartView, PracticeView } from '../../electron/contract/dto';
import type { PracticeScore } from '../../electron/core/lessons/practice-scoring';
import { practiceStrings as s } from '../i18n/practice-strings';
import { SpokenText } from '../narration/spoken-text';
import type { Spoken } from './spoken';
import { PhoneFrame } from './phone-frame';

type Spot = Extract<PracticeView, { kind: 'spot' }>;
type SpotScore = Extract<PracticeScore, { kind: 'spot' }>;

const APP_NAME: Record<Spot['app'], string> = { sms: 'Tin nhắn', zalo: 'Zalo', email: 'Thư điện tử', social: 'Mạng xã hội' };

/** One tappable part of the message: flagged by the learner, then marked right or ordinary once checked. */
function Part({ part, spoken, tapped, score, solved, locked, onTap, header = false }: {
  part: PracticePartView;
  /** The narration, and which of its parts this is (the sentence being read is highlighted). */
  spoken: Spoken;
  tapped: boolean;
  score: SpotScore | null;
  solved: boolean;
  locked: boolean;
  onTap: () => void;
  header?: boolean;
}) {
  const found = score?.found.includes(part.id) ?? false;
  const ordinary = score?.wrong.includes(part.id) ?? false;
  const state = found ? 'found' : ordinary ? 'ordinary' : tapped ? 'flagged' : 'plain';
  const showWhy = found || ordinary || (solved && score !== null && tapped);
  return (
    <button type="button" className={`spot-part ${header ? 'spot-sender ' : ''}${state}`} data-part={part.id} data-state={state} aria-pressed={tapped} aria-disabled={locked} onClick={locked ? undefined : onTap}>
      <span className="spot-text">
        <SpokenText text={part.text.vi} sentences={spoken.sentences} part={spoken.part} active={spoken.active} />
      </span>
      <span className="en">{part.text.en}</span>
      {state === 'flagged' && <span className="spot-mark">⚑ {s.flagged.vi}</span>}
      {found && <span className="spot-mark">✔ {s.flagged.vi}</span>}
      {ordinary && <span className="spot-mark">○ {s.ordinary.vi}</span>}
      {showWhy && (
        <span className="spot-why">
          {part.why.vi}
          <span className="en"> {part.why.en}</span>
        </span>
      )}
    </button>
  );
}

/** A message on the simulated phone; the learner taps every tell-tale part. */
export function SpotMessage({ view, narration, tapped, score, solved, onToggle }: { view: Spot; narration: Omit<Spoken, 'part'>; tapped: readonly string[]; score: SpotScore | null; solved: boolean; onToggle: (id: string) => void }) {
  const locked = score !== null;
  return (
    <PhoneFrame app={APP_NAME[view.app]}>
      <Part part={view.sender} spoken={{ ...narration, part: 1 }} header tapped={tapped.includes(view.sender.id)} score={score} solved={solved} locked={locked} onTap={() => onToggle(view.sender.id)} />
      <div className={`spot-bubble app-${view.app}`}>
        {view.body.map((part, index) => (
          <Part key={part.id} part={part} spoken={{ ...narration, part: index + 2 }} tapped={tapped.includes(part.id)} score={score} solved={solved} locked={locked} onTap={() => onToggle(part.id)} />
        ))}
      </div>
    </PhoneFrame>
  );
}
