/**
 * The digital-competency framework of Thông tư 02/2025/TT-BGDĐT (Khung năng lực số): 6 domains and
 * 24 component competences, coded "<domain>.<competence>". Lessons cite these codes; the kiosk shows
 * the names on certificates and in reports, so they live here as data, not as a regex.
 *
 * Source: the full text of Thông tư 02/2025/TT-BGDĐT (signed 24/01/2025, in force 11/03/2025; published
 * on thuvienphapluat.vn), summarised in docs/ARCHITECTURE.md §8. The English names of domains 1–5 are the EU
 * DigComp 2.2 titles; domain 6 has no official English text, so its English names are our own
 * translation (`officialEn: false`). The Vietnamese names still need checking against the PDF
 * appendix of the Thông tư before they are printed.
 */

import type { Bilingual } from '../bilingual';

/** A competence or domain name in both languages. */
export type BilingualName = Bilingual;

export type CompetencyDomain = {
  readonly domain: number;
  readonly name: BilingualName;
  /** False where no official English text exists and the English name is our translation. */
  readonly officialEn: boolean;
  readonly competences: readonly { readonly code: string; readonly name: BilingualName }[];
};

export const COMPETENCY_DOMAINS: readonly CompetencyDomain[] = [
  {
    domain: 1,
    name: { vi: 'Khai thác dữ liệu và thông tin', en: 'Information and data literacy' },
    officialEn: true,
    competences: [
      { code: '1.1', name: { vi: 'Duyệt, tìm kiếm và lọc dữ liệu, thông tin và nội dung số', en: 'Browsing, searching and filtering data, information and digital content' } },
      { code: '1.2', name: { vi: 'Đánh giá dữ liệu, thông tin và nội dung số', en: 'Evaluating data, information and digital content' } },
      { code: '1.3', name: { vi: 'Quản lý dữ liệu, thông tin và nội dung số', en: 'Managing data, information and digital content' } },
    ],
  },
  {
    domain: 2,
    name: { vi: 'Giao tiếp và hợp tác trong môi trường số', en: 'Communication and collaboration' },
    officialEn: true,
    competences: [
      { code: '2.1', name: { vi: 'Tương tác thông qua công nghệ số', en: 'Interacting through digital technologies' } },
      { code: '2.2', name: { vi: 'Chia sẻ thông tin và nội dung thông qua công nghệ số', en: 'Sharing through digital technologies' } },
      { code: '2.3', name: { vi: 'Sử dụng công nghệ số để thực hiện trách nhiệm công dân', en: 'Engaging in citizenship through digital technologies' } },
      { code: '2.4', name: { vi: 'Hợp tác thông qua công nghệ số', en: 'Collaborating through digital technologies' } },
      { code: '2.5', name: { vi: 'Thực hiện quy tắc ứng xử trên mạng', en: 'Netiquette' } },
      { code: '2.6', name: { vi: 'Quản lý danh tính số', en: 'Managing digital identity' } },
    ],
  },
  {
    domain: 3,
    name: { vi: 'Sáng tạo nội dung số', en: 'Digital content creation' },
    officialEn: true,
    competences: [
      { code: '3.1', name: { vi: 'Phát triển nội dung số', en: 'Developing digital content' } },
      { code: '3.2', name: { vi: 'Tích hợp và tạo lập lại nội dung số', en: 'Integrating and re-elaborating digital content' } },
      { code: '3.3', name: { vi: 'Thực thi bản quyền và giấy phép', en: 'Copyright and licences' } },
      { code: '3.4', name: { vi: 'Lập trình', en: 'Programming' } },
    ],
  },
  {
    domain: 4,
    name: { vi: 'An toàn', en: 'Safety' },
    officialEn: true,
    competences: [
      { code: '4.1', name: { vi: 'Bảo vệ thiết bị', en: 'Protecting devices' } },
      { code: '4.2', name: { vi: 'Bảo vệ dữ liệu cá nhân và quyền riêng tư', en: 'Protecting personal data and privacy' } },
      { code: '4.3', name: { vi: 'Bảo vệ sức khỏe và an sinh số', en: 'Protecting health and well-being' } },
      { code: '4.4', name: { vi: 'Bảo vệ môi trường', en: 'Protecting the environment' } },
    ],
  },
  {
    domain: 5,
    name: { vi: 'Giải quyết vấn đề', en: 'Problem solving' },
    officialEn: true,
    competences: [
      { code: '5.1', name: { vi: 'Giải quyết các vấn đề kỹ thuật', en: 'Solving technical problems' } },
      { code: '5.2', name: { vi: 'Xác định nhu cầu và giải pháp công nghệ', en: 'Identifying needs and technological responses' } },
      { code: '5.3', name: { vi: 'Sử dụng sáng tạo công nghệ số', en: 'Creatively using digital technologies' } },
      { code: '5.4', name: { vi: 'Xác định các vấn đề cần cải thiện về năng lực số', en: 'Identifying digital competence gaps' } },
    ],
  },
  {
    domain: 6,
    name: { vi: 'Ứng dụng trí tuệ nhân tạo', en: 'Applying artificial intelligence' },
    officialEn: false,
    competences: [
      { code: '6.1', name: { vi: 'Hiểu biết về trí tuệ nhân tạo', en: 'Understanding AI' } },
      { code: '6.2', name: { vi: 'Sử dụng trí tuệ nhân tạo', en: 'Using AI' } },
      { code: '6.3', name: { vi: 'Đánh giá trí tuệ nhân tạo', en: 'Evaluating AI' } },
    ],
  },
];

const BY_CODE: ReadonlyMap<string, { readonly competence: BilingualName; readonly domain: CompetencyDomain }> = new Map(
  COMPETENCY_DOMAINS.flatMap((domain) => domain.competences.map((c) => [c.code, { competence: c.name, domain }] as const)),
);

/** Every valid competence code, in framework order ("1.1" … "6.3"). */
export const COMPETENCY_CODES: readonly string[] = [...BY_CODE.keys()];

/** True for a competence code of the framework; domain codes alone ("4") and indicators ("1.1.CB1a") are not. */
export function isCompetencyCode(code: string): boolean {
  return BY_CODE.has(code);
}

/** The competence and its domain for a code, or null when the code is not in the framework. */
export function describeCompetency(code: string): { readonly code: string; readonly name: BilingualName; readonly domain: BilingualName } | null {
  const entry = BY_CODE.get(code);
  return entry === undefined ? null : { code, name: entry.competence, domain: entry.domain.name };
}
