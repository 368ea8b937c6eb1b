/**
 * The hub's lesson page (issue #22): each lesson with its TT 02/2025 competences and its QĐ 757/QĐ-BKHCN
 * codes and completions, and the lesson facts a content reviewer works through — to verify, confirmed
 * more than 12 months ago, or dated after today — first, then all the others.
 */
import { escapeHtml, formatNumber, label, numCell, page, table } from './html';
import type { PageChrome } from './html';

export type FactReview = 'ok' | 'to_verify' | 'stale' | 'dated_after_today';

export interface LessonFactView {
  readonly lesson: string;
  readonly fact: string;
  readonly kind: string;
  readonly text: string;
  readonly status: string;
  readonly checkedOn: string | null;
  readonly source: string | null;
  readonly note: string | null;
  readonly usedIn: readonly string[];
  readonly review: FactReview;
}

const REVIEW: Record<FactReview, string> = {
  to_verify: 'Cần xác minh · to verify',
  stale: 'Kiểm tra đã quá 12 tháng · checked over 12 months ago',
  dated_after_today: 'Ngày kiểm tra sau hôm nay · dated after today',
  ok: 'Đã xác nhận · confirmed',
};

export function lessonsPage(input: { chrome: PageChrome; today: string; lessons: ReadonlyArray<{ id: string; tt02: readonly string[]; qd757: readonly string[]; passes: number }>; facts: readonly LessonFactView[]; factsLoadedAt: string | null }): string {
  const lessonRows = input.lessons.map((l) => [`<th scope="row">${escapeHtml(l.id)}</th>`, `<td>${escapeHtml(l.tt02.join(', ') || '—')}</td>`, `<td>${escapeHtml(l.qd757.join(', ') || '—')}</td>`, numCell(l.passes)]);
  const factRow = (f: LessonFactView) => [
    `<td>${escapeHtml(REVIEW[f.review])}</td>`,
    `<th scope="row">${escapeHtml(f.lesson)}<br><span class="note">${escapeHtml(f.fact)} (${escapeHtml(f.usedIn.join(', '))})</span></th>`,
    `<td>${escapeHtml(f.kind)}</td>`,
    `<td>${escapeHtml(f.text)}${f.note === null ? '' : `<br><span class="note">${escapeHtml(f.note)}</span>`}</td>`,
    `<td>${escapeHtml(f.checkedOn ?? '—')}</td>`,
    `<td>${f.source === null ? '—' : `<a href="${escapeHtml(f.source)}" rel="noreferrer noopener">${escapeHtml(f.source.replace(/^https:\/\//, '').slice(0, 60))}</a>`}</td>`,
  ];
  const heads = [label('Cần làm', 'Review'), label('Bài, dữ kiện (bước)', 'Lesson, fact (steps)'), label('Loại', 'Kind'), label('Nội dung', 'Text'), label('Kiểm tra ngày', 'Checked on'), label('Nguồn', 'Source')];
  const toReview = input.facts.filter((f) => f.review !== 'ok');
  const others = input.facts.filter((f) => f.review === 'ok');
  return page(
    'Bài học · Lessons',
    `<h1>${label('Bài học và dữ kiện cần rà soát', 'Lessons and facts to review')}</h1>
<h2>${label('Bài học', 'Lessons')}</h2>
${table([label('Bài', 'Lesson'), label('Năng lực TT 02/2025', 'TT 02/2025 competences'), label('QĐ 757/QĐ-BKHCN', 'QĐ 757 codes'), label('Lượt hoàn thành', 'Passes')], lessonRows, { numericFrom: 3 })}
<h2>${label(`Dữ kiện cần rà soát (${formatNumber(toReview.length)})`, 'Facts that need a reviewer')}</h2>
<p class="note">${label(`Tính theo ngày ${input.today}; danh sách nạp lúc ${input.factsLoadedAt ?? '—'} bằng lệnh tram city lesson-facts.`, 'Judged on today’s date; loaded with tram city lesson-facts.')}</p>
${table(heads, toReview.map(factRow))}
<details><summary>${label(`Các dữ kiện đã xác nhận (${formatNumber(others.length)})`, 'Confirmed facts')}</summary>${table(heads, others.map(factRow))}</details>`,
    input.chrome,
  );
}
