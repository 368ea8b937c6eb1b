/** Vietnamese and English names of the report's categories, shared by the pages, the XLSX and the print. */
import type { AgeBand, CompetencyDomain, Gender } from './progress';

export const AGE_LABELS: ReadonlyArray<readonly [AgeBand, string, string]> = [
  ['6-14', '6–14 tuổi', '6–14'],
  ['15-17', '15–17 tuổi', '15–17'],
  ['18-59', '18–59 tuổi', '18–59'],
  ['60+', 'Từ 60 tuổi', '60+'],
  ['unknown', 'Chưa rõ tuổi', 'age unknown'],
];

export const GENDER_LABELS: ReadonlyArray<readonly [Gender, string, string]> = [
  ['nam', 'Nam', 'Male'],
  ['nu', 'Nữ', 'Female'],
  ['unknown', 'Chưa rõ giới tính', 'Unknown'],
];

export const DOMAIN_LABELS: ReadonlyArray<readonly [CompetencyDomain, string, string]> = [
  ['1', '1. Khai thác dữ liệu và thông tin', 'Information and data'],
  ['2', '2. Giao tiếp và hợp tác', 'Communication and collaboration'],
  ['3', '3. Sáng tạo nội dung số', 'Digital content creation'],
  ['4', '4. An toàn', 'Safety'],
  ['5', '5. Giải quyết vấn đề', 'Problem solving'],
  ['6', '6. Ứng dụng trí tuệ nhân tạo', 'Applying AI'],
  ['unmapped', 'Chưa xếp miền', 'Not mapped'],
];
