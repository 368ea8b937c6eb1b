import { useEffect, useState } from 'react';
import type { Certificate } from '../../electron/contract/dto';
import { lessonStrings as s } from '../i18n/strings';
import { kiosk } from '../kiosk-api';
import { printPage } from '../print';
import { InlineBilingual } from '../components/inline-bilingual';
import { countOf, practiceStrings as p } from '../i18n/practice-strings';
import { ProgressPicture } from '../progress/progress-picture';

/** A printable certificate: name, lessons passed, dates, station and a code the city can verify. */
export function CertificateScreen({ onClose }: { onClose: () => void }) {
  const [certificate, setCertificate] = useState<Certificate | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void kiosk()
      .getCertificate({})
      .then((result) => (result.ok ? setCertificate(result.value) : setError(result.error.message)));
  }, []);
  return (
    <main className="screen certificate-screen" data-screen="certificate">
      <nav className="no-print certificate-actions">
        <button type="button" className="button" onClick={() => void printPage()} data-testid="print">
          <InlineBilingual text={s.print} />
        </button>
        <button type="button" className="button secondary" onClick={onClose} data-testid="close-certificate">
          <InlineBilingual text={s.backToList} />
        </button>
      </nav>
      {error && <p className="note">{error}</p>}
      {certificate && (
        <article className="certificate" tabIndex={0} data-testid="certificate">
          <h1>
            {s.certificateTitle.vi}
            <span className="en">{s.certificateTitle.en}</span>
          </h1>
          <p className="certificate-name">{certificate.learnerName || '—'}</p>
          <p>
            {s.certificateBody.vi} {certificate.stationName}, {certificate.wardName}
          </p>
          <ol className="certificate-lessons">
            {certificate.lessons.map((lesson) => (
              <li key={lesson.title.vi}>
                {lesson.title.vi} — {lesson.passedOn}
              </li>
            ))}
          </ol>
          {certificate.progress.length > 0 && (
            <div className="certificate-progress" data-testid="certificate-progress">
              <h2>
                {p.certificateProgress.vi} <span className="en">/ {p.certificateProgress.en}</span>
              </h2>
              {certificate.progress.map((line) => (
                <p key={line.track} data-track={line.track}>
                  <span>
                    {line.title.vi}: <strong>{countOf(line.passed, line.total).vi}</strong>
                  </span>
                  <ProgressPicture passed={line.passed} total={line.total} />
                </p>
              ))}
            </div>
          )}
          <p className="certificate-footer">
            Ngày {certificate.issuedOn} · {s.verification.vi}: <strong data-testid="verification-code">{certificate.verificationCode}</strong>
          </p>
        </article>
      )}
    </main>
  );
}
