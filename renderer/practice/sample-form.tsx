import type { FormFieldView, PracticeView } from '../../electron/contract/dto';
import type { PracticeScore } from '../../electron/core/lessons/practice-scoring';
import { practiceStrings as s } from '../i18n/practice-strings';
import { PhoneFrame } from './phone-frame';

type Form = Extract<PracticeView, { kind: 'form' }>;
type FormScore = Extract<PracticeScore, { kind: 'form' }>;
export type FormValues = Readonly<Record<string, number | boolean | null>>;

/** The made-up person's paper the learner copies from, drawn beside the phone: never their own data. */
export function SamplePaper({ sample }: { sample: Form['sample'] }) {
  return (
    <div className="sample-paper" data-testid="sample-paper">
      <p className="sample-title">
        {sample.title.vi} <span className="en">/ {sample.title.en}</span>
      </p>
      <dl>
        {sample.rows.map((row) => (
          <div key={row.id}>
            <dt>{row.label.vi}:</dt> <dd>{row.value}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

function Field({ field, value, error, locked, onChange }: { field: FormFieldView; value: number | boolean | null; error: { vi: string; en: string } | null; locked: boolean; onChange: (value: number | boolean) => void }) {
  return (
    <fieldset className={`form-field${error ? ' invalid' : ''}`} data-field={field.id}>
      <legend>
        {field.label.vi}
        {field.required && <span className="required" aria-label={s.requiredMark.vi}> *</span>}
        <span className="en"> {field.label.en}</span>
      </legend>
      {field.type === 'choice' ? (
        <div className="form-options">
          {field.options.map((option, index) => (
            <button key={option} type="button" className={`form-option${value === index ? ' chosen' : ''}`} aria-pressed={value === index} data-option={index} aria-disabled={locked} onClick={locked ? undefined : () => onChange(index)}>
              {value === index ? '● ' : '○ '}
              {option}
            </button>
          ))}
        </div>
      ) : (
        <button type="button" className={`form-option form-tick${value === true ? ' chosen' : ''}`} aria-pressed={value === true} data-option="tick" aria-disabled={locked} onClick={locked ? undefined : () => onChange(value !== true)}>
          {value === true ? `☑ ${s.ticked.vi}` : `☐ ${s.tick.vi}`}
        </button>
      )}
      {error && (
        <p className="form-error" role="alert">
          ✖ {error.vi} <span className="en">{error.en}</span>
        </p>
      )}
    </fieldset>
  );
}

/**
 * A public-service form on the simulated phone, filled by choosing what the sample paper says — never
 * by typing. On "Nộp hồ sơ" the station runs the portal's checks; a field that fails shows the
 * portal's message in red under it, and the learner fixes it and submits again.
 */
export function SampleForm({ view, values, score, solved, onChange }: { view: Form; values: FormValues; score: FormScore | null; solved: boolean; onChange: (field: string, value: number | boolean) => void }) {
  return (
    <div className="practice-scene">
      <PhoneFrame app={s.publicService.vi}>
        <p className="form-title">
          {view.title.vi} <span className="en">/ {view.title.en}</span>
        </p>
        {view.fields.map((field) => (
          <Field key={field.id} field={field} value={values[field.id] ?? null} error={score?.failed.find((failure) => failure.field === field.id)?.message ?? null} locked={solved} onChange={(value) => onChange(field.id, value)} />
        ))}
      </PhoneFrame>
    </div>
  );
}
