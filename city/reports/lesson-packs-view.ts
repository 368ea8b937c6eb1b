/**
 * The administrators' lesson pack page (issue #18 item 1): the published releases, newest first, and
 * the form that publishes a lesson folder as the next version. The folder is chosen with the
 * browser's own folder picker (`webkitdirectory`), so the page needs no script; the form is sent as
 * multipart/form-data with the session's CSRF token.
 */
import type { LessonReleaseRow } from '../store/fleet-channel-store';
import { csrfField, escapeHtml, formatNumber, formatTime, label, messageBox, numCell, page, table } from './html';
import type { PageChrome } from './html';

export type ReleaseSummary = Omit<LessonReleaseRow, 'manifest' | 'sig'>;

export interface PackPageInput {
  readonly chrome: PageChrome;
  readonly releases: readonly ReleaseSummary[];
  readonly message: { ok: boolean; text: string } | null;
  /** Lines under the message: why a pack was refused, or the files left out. */
  readonly problems: readonly string[];
  readonly minAppVersion: string;
  /** Null when the hub was started without the stations' pack loader (then nothing can be published here). */
  readonly uploadLimitBytes: number | null;
}

const megabytes = (bytes: number): string => `${formatNumber(Math.round((bytes / 1024 ** 2) * 10) / 10)} MB`;

/** The whole page. */
export function lessonPacksPage(input: PackPageInput): string {
  const rows = input.releases.map((release) => [
    `<th scope="row">v${release.version}</th>`,
    `<td>${escapeHtml(formatTime(release.published_at))}</td>`,
    `<td>${escapeHtml(release.min_app_version)}</td>`,
    `<td>${escapeHtml(release.published_by)}</td>`,
    numCell(release.files),
    `<td class="num">${escapeHtml(megabytes(release.total_bytes))}</td>`,
  ]);
  const shown = input.problems.slice(0, 50);
  const problems =
    shown.length === 0
      ? ''
      : `<ul class="problems">${shown.map((problem) => `<li>${escapeHtml(problem)}</li>`).join('')}${input.problems.length > shown.length ? `<li>${label(`… và ${input.problems.length - shown.length} lỗi khác`, `… and ${input.problems.length - shown.length} more`)}</li>` : ''}</ul>`;
  const form =
    input.uploadLimitBytes === null
      ? `<p class="error">${label('Hub này chạy không có bộ kiểm tra bài học của trạm nên không phát hành được ở đây. Hãy chạy bằng "tram city serve" hoặc dùng "tram city publish-lessons".', 'This hub runs without the stations\' pack loader, so it cannot publish here. Run it with "tram city serve" or use "tram city publish-lessons".')}</p>`
      : `<form method="post" action="/admin/lesson-packs/publish" enctype="multipart/form-data">${csrfField(input.chrome.csrf)}
  <p><label><span>${label('Thư mục bài học (thư mục "lessons" có tracks.json và một thư mục cho mỗi bài)', 'Lessons folder (the "lessons" folder with tracks.json and one folder per lesson)')}</span><input type="file" name="files" webkitdirectory multiple required></label></p>
  <p><label><span>${label('Phiên bản ứng dụng tối thiểu (dạng 1.2.3)', 'Oldest app version that may use it (like 1.2.3)')}</span><input name="min_app_version" required value="${escapeHtml(input.minAppVersion)}"></label></p>
  <p><button type="submit">${label('Kiểm tra và phát hành phiên bản mới', 'Check and publish a new version')}</button></p>
  <p class="note">${label(
    `Hub kiểm tra gói như trạm sẽ kiểm tra (tên tệp, lesson.json, hình SVG không có mã chạy, dung lượng). Gói có lỗi sẽ bị từ chối và không phát hành gì. Tải lên tối đa ${megabytes(input.uploadLimitBytes)}; gói lớn hơn hãy dùng lệnh "tram city publish-lessons THƯ_MỤC".`,
    `The hub checks the pack as the stations will (file names, lesson.json, SVG pictures without code, sizes). A pack with problems is refused and nothing is published. Uploads up to ${megabytes(input.uploadLimitBytes)}; for a bigger pack use "tram city publish-lessons DIR".`,
  )}</p>
</form>`;
  return page(
    'Gói bài học · Lesson packs',
    `<h1>${label('Gói bài học cho các trạm', 'Lesson packs for the stations')}</h1>
${messageBox(input.message)}${problems}
<h2>${label('Phát hành phiên bản mới', 'Publish a new version')}</h2>
${form}
<h2>${label('Các phiên bản đã phát hành', 'Published versions')}</h2>
${table([label('Phiên bản', 'Version'), label('Ngày phát hành', 'Published'), label('Ứng dụng tối thiểu', 'Min app version'), label('Người phát hành', 'Published by'), label('Số tệp', 'Files'), label('Dung lượng', 'Size')], rows, { numericFrom: 4 })}
<p class="note">${label('Trạm nhận phiên bản mới nhất mà ứng dụng của trạm chạy được, ở lần kiểm tra kế tiếp (hoặc qua USB: "tram city export-lessons").', 'Each station gets the newest version its app can run at its next check (or by USB: "tram city export-lessons").')}</p>`,
    input.chrome,
  );
}
