/**
 * A simple picture of how far a learner is: one box per lesson of the track, a tick in each passed
 * one (drawn, so it prints and scales with the box), the next one outlined. Meaning is never carried by colour alone (tick and outline), and the
 * count in words goes next to it for screen readers and for paper.
 */
export function ProgressPicture({ passed, total, next = null, lessonIds = null, passedIds = null }: {
  passed: number;
  total: number;
  /** With `lessonIds` and `passedIds`, the boxes follow the track's order and the next lesson is outlined. */
  next?: string | null;
  lessonIds?: readonly string[] | null;
  passedIds?: ReadonlySet<string> | null;
}) {
  const boxes = lessonIds && passedIds ? lessonIds.map((id) => ({ id, done: passedIds.has(id), next: id === next })) : Array.from({ length: total }, (_, i) => ({ id: String(i), done: i < passed, next: false }));
  return (
    <span className="progress-picture" role="img" aria-label={`${passed}/${total}`} data-testid="progress-picture" data-passed={passed} data-total={total}>
      {boxes.map((box) => (
        <span key={box.id} className={`progress-box${box.done ? ' done' : ''}${box.next ? ' next' : ''}`} aria-hidden="true">
          {box.done && (
            <svg viewBox="0 0 10 10" width="100%" height="100%">
              <path d="M2 5.2l2 2 4-4.4" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" />
            </svg>
          )}
        </span>
      ))}
    </span>
  );
}
