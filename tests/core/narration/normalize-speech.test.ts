import { describe, expect, it } from 'vitest';
import { normalizeSpeech } from '../../../electron/core/narration/normalize-speech';

/**
 * The normalisation table: what a Vietnamese speaker says for what a lesson writes. Each row is one
 * rule or one trap (a rule that must not fire). Keep adding rows when a narration sounds wrong.
 */
const TABLE: ReadonlyArray<readonly [written: string, said: string]> = [
  // Whole numbers.
  ['Có 0 lỗi', 'Có không lỗi'],
  ['10 nhóm', 'mười nhóm'],
  ['11 người', 'mười một người'],
  ['15 triệu đồng', 'mười lăm triệu đồng'],
  ['21 ngày', 'hai mươi mốt ngày'],
  ['24 tiếng', 'hai mươi tư tiếng'],
  ['25 tuổi', 'hai mươi lăm tuổi'],
  ['dài 8 đến 20 ký tự', 'dài tám đến hai mươi ký tự'],
  ['105 người', 'một trăm linh năm người'],
  ['110 trang', 'một trăm mười trang'],
  ['năm 2025', 'năm hai nghìn không trăm hai mươi lăm'],
  ['năm 2005', 'năm hai nghìn không trăm linh năm'],
  ['1.000.000 đồng', 'một triệu đồng'],
  ['1.500.000 đồng', 'một triệu năm trăm nghìn đồng'],
  ['2.000.050 đồng', 'hai triệu không trăm năm mươi đồng'],
  ['phí 22.000 đồng', 'phí hai mươi hai nghìn đồng'],
  ['hơn 900 triệu đồng', 'hơn chín trăm triệu đồng'],
  ['3.000.000.000 đồng', 'ba tỷ đồng'],
  ['500.000đ', 'năm trăm nghìn đồng'],
  ['2,5 triệu', 'hai phẩy năm triệu'],
  // Percent, ranges, ordinals, months.
  ['50% số tiền', 'năm mươi phần trăm số tiền'],
  ['lãi 2,5%', 'lãi hai phẩy năm phần trăm'],
  ['100 %', 'một trăm phần trăm'],
  ['mất 2–3 phút', 'mất hai đến ba phút'],
  ['thứ 4 hằng tuần', 'thứ tư hằng tuần'],
  ['người thứ 1', 'người thứ nhất'],
  ['thứ 2', 'thứ hai'],
  ['tháng 4', 'tháng tư'],
  // Dates and times.
  ['Từ 1/7/2025, bác dùng VNeID.', 'Từ ngày một tháng bảy năm hai nghìn không trăm hai mươi lăm, bác dùng vê en e ai đi.'],
  ['Từ ngày 1/7/2024', 'Từ ngày một tháng bảy năm hai nghìn không trăm hai mươi tư'],
  ['chỉ dùng đến 30/6/2024.', 'chỉ dùng đến ngày ba mươi tháng sáu năm hai nghìn không trăm hai mươi tư.'],
  ['Tháng 5/2025, một người', 'Tháng năm năm hai nghìn không trăm hai mươi lăm, một người'],
  ['báo chí 8/2025', 'báo chí tháng tám năm hai nghìn không trăm hai mươi lăm'],
  ['ngày 2/9', 'ngày hai tháng chín'],
  ['mở cửa 7h30', 'mở cửa bảy giờ ba mươi'],
  ['trực 24/7', 'trực hai tư trên bảy'],
  // Phone numbers and codes, digit by digit.
  ['Gọi 113 ngay', 'Gọi một một ba ngay'],
  ['Cấp cứu 115.', 'Cấp cứu một một năm.'],
  ['đầu số 156', 'đầu số một năm sáu'],
  ['nhắn tin tới 5656', 'nhắn tin tới năm sáu năm sáu'],
  ['tổng đài 1800 8108', 'tổng đài một tám không không, tám một không tám'],
  ['gọi 1900 1234', 'gọi một chín không không, một hai ba bốn'],
  ['số 0912 345 678', 'số không chín một hai, ba bốn năm, sáu bảy tám'],
  ['+84 912 345 678', 'cộng tám bốn, chín một hai, ba bốn năm, sáu bảy tám'],
  ['mật khẩu 0987654321', 'mật khẩu không chín tám bảy sáu năm bốn ba hai một'],
  ['mã 123456', 'mã một hai ba bốn năm sáu'],
  ['Gõ 12 số trên thẻ', 'Gõ mười hai số trên thẻ'],
  ['Cục C06 Bộ Công an', 'Cục xê không sáu Bộ Công an'],
  ['Lan#Hoa2025', 'Lan thăng Hoa hai không hai năm'],
  // Legal documents.
  ['Theo Quyết định 2733/QĐ-BYT của Bộ Y tế.', 'Theo Quyết định số hai nghìn bảy trăm ba mươi ba của Bộ Y tế.'],
  ['Thông tư 02/2025/TT-BGDĐT.', 'Thông tư số hai năm hai nghìn không trăm hai mươi lăm của Bộ Giáo dục và Đào tạo.'],
  ['Nghị định 356/2025 xếp', 'Nghị định số ba trăm năm mươi sáu năm hai nghìn không trăm hai mươi lăm xếp'],
  ['Luật 91/2025/QH15', 'Luật số chín mươi mốt năm hai nghìn không trăm hai mươi lăm của Quốc hội khóa mười lăm'],
  // Acronyms and brands.
  ['mã OTP', 'mã ô tê pê'],
  ['thẻ CCCD gắn chip', 'thẻ căn cước công dân gắn chip'],
  ['quét mã QR', 'quét mã kiu a'],
  ['mã VietQR', 'mã việt kiu a'],
  ['trợ lý AI', 'trợ lý ây ai'],
  ['Dùng Zalo an toàn', 'Dùng da lô an toàn'],
  ['App Store hoặc CH Play', 'áp xto hoặc xê hát plây'],
  ['nhắn theo mẫu: LD, số điện thoại', 'nhắn theo mẫu: lờ đê, số điện thoại'],
  ['ký hiệu như @ hay #', 'ký hiệu như a còng hay thăng'],
  ['Zalo/Facebook', 'da lô hoặc phây búc'],
  // Web addresses.
  ['gõ dichvucong.gov.vn.', 'gõ dịch vụ công chấm gốp chấm vê en.'],
  ['trang https://vneid.gov.vn', 'trang vê en e ai đi chấm gốp chấm vê en'],
  ['kết thúc bằng .gov.vn; trang giả', 'kết thúc bằng chấm gốp chấm vê en; trang giả'],
  ['dichvucong.gov.vn.xyz', 'dịch vụ công chấm gốp chấm vê en chấm ích i dét'],
  ['link dạng “bit.ly/…”', 'linh dạng bít chấm li gạch chéo'],
  ['thongbaorac.ais.gov.vn', 'thông báo rác chấm a i ét chấm gốp chấm vê en'],
  // Traps: words that must stay as they are.
  ['Chào bác. Hôm nay học gì?', 'Chào bác. Hôm nay học gì?'],
  ['lý do (nếu có) rồi', 'lý do, nếu có, rồi'],
  ['sách, vở, v.v. và bút', 'sách, vở, vân vân và bút'],
];

describe('normalizeSpeech: the table', () => {
  it('has at least 40 cases', () => {
    expect(TABLE.length).toBeGreaterThanOrEqual(40);
  });

  it.each(TABLE)('%s', (written, said) => {
    expect(normalizeSpeech(written)).toBe(said);
  });
});

describe('normalizeSpeech: output', () => {
  it('leaves no digit and no symbol for an engine to guess at', () => {
    for (const [written] of TABLE) expect(normalizeSpeech(written)).not.toMatch(/[\d%/&@#+=]/);
  });

  it('is idempotent: normalising the output again changes nothing', () => {
    for (const [written] of TABLE) {
      const once = normalizeSpeech(written);
      expect(normalizeSpeech(once)).toBe(once);
    }
  });
});
