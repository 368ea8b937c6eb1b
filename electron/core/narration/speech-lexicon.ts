/**
 * How Vietnamese speakers say the acronyms, brand names, foreign words and web-address parts the
 * lessons use. A speech engine reading "VNeID" or "Zalo" by Vietnamese spelling rules, or spelling
 * "CCCD" letter by letter in English, is what makes a narration sound wrong to a learner.
 *
 * Choices, where usage varies: brands and English words as commonly said on Vietnamese TV
 * ("Zalo" → "da lô", "AI" → "ây ai", "QR" → "kiu a"); acronyms of Vietnamese words are expanded
 * ("CCCD" → "căn cước công dân", "UBND" → "ủy ban nhân dân"); a lesson author who hears a word said
 * badly adds it here (one line) and re-renders (`tram lessons voice`).
 */

/** Case-sensitive words and phrases, matched on word boundaries, longest first. */
export const WORDS: ReadonlyMap<string, string> = new Map([
  ['VNeID', 'vê en e ai đi'],
  ['VietQR', 'việt kiu a'],
  ['CH Play', 'xê hát plây'],
  ['App Store', 'áp xto'],
  ['Google Play', 'gu gồ plây'],
  ['OTP', 'ô tê pê'],
  ['CCCD', 'căn cước công dân'],
  ['CMND', 'chứng minh nhân dân'],
  ['UBND', 'ủy ban nhân dân'],
  ['BHXH', 'bảo hiểm xã hội'],
  ['BHYT', 'bảo hiểm y tế'],
  ['SĐT', 'số điện thoại'],
  ['THPT', 'trung học phổ thông'],
  ['TP', 'thành phố'],
  ['QR', 'kiu a'],
  ['AI', 'ây ai'],
  ['ID', 'ai đi'],
  ['PIN', 'pin'],
  ['SMS', 'ét em ét'],
  ['OK', 'ô kê'],
  ['Wi-Fi', 'oai phai'],
  ['WiFi', 'oai phai'],
  ['wifi', 'oai phai'],
  ['Zalo', 'da lô'],
  ['Facebook', 'phây búc'],
  ['Messenger', 'mét xen giơ'],
  ['YouTube', 'diu túp'],
  ['TikTok', 'tích tóc'],
  ['Google', 'gu gồ'],
  ['ChatGPT', 'chát gi pi ti'],
  ['Gemini', 'giem mi nai'],
  ['iPhone', 'ai phôn'],
  ['Android', 'an đờ roi'],
  ['Internet', 'in tơ nét'],
  ['internet', 'in tơ nét'],
  ['online', 'on lai'],
  ['passcode', 'pát cốt'],
  ['Passcode', 'pát cốt'],
  ['password', 'pát guốt'],
  ['email', 'i meo'],
  ['Email', 'i meo'],
  ['link', 'linh'],
  ['Link', 'linh'],
  ['app', 'áp'],
  ['shipper', 'síp pơ'],
  ['Shipper', 'síp pơ'],
  ['video', 'vi đê ô'],
  ['website', 'oép sai'],
  ['web', 'oép'],
  ['Bluetooth', 'blu tút'],
  ['camera', 'ca mê ra'],
  ['selfie', 'sen phi'],
  ['deepfake', 'díp phếch'],
  ['km', 'ki lô mét'],
  ['kg', 'ki lô gam'],
]);

/** Parts of a web address ("dichvucong.gov.vn"); an unknown part of up to 4 letters is spelled. */
export const ADDRESS_PARTS: ReadonlyMap<string, string> = new Map([
  ['www', 'vê kép vê kép vê kép'],
  ['gov', 'gốp'],
  ['vn', 'vê en'],
  ['com', 'com'],
  ['org', 'o rờ gờ'],
  ['net', 'nét'],
  ['edu', 'e đu'],
  ['xyz', 'ích i dét'],
  ['bit', 'bít'],
  ['ly', 'li'],
  ['dichvucong', 'dịch vụ công'],
  ['vneid', 'vê en e ai đi'],
  ['tingia', 'tin giả'],
  ['quocgia', 'quốc gia'],
  ['thongbaorac', 'thông báo rác'],
  ['chinhphu', 'chính phủ'],
  ['bocongan', 'bộ công an'],
  ['baohiemxahoi', 'bảo hiểm xã hội'],
  ['canhbao', 'cảnh báo'],
]);

/** Issuers in the numbers of legal documents ("2733/QĐ-BYT" is a decision of the Ministry of Health). */
export const DOCUMENT_ISSUERS: ReadonlyMap<string, string> = new Map([
  ['BYT', 'Bộ Y tế'],
  ['NHNN', 'Ngân hàng Nhà nước'],
  ['BGDĐT', 'Bộ Giáo dục và Đào tạo'],
  ['BCA', 'Bộ Công an'],
  ['BTTTT', 'Bộ Thông tin và Truyền thông'],
  ['BKHCN', 'Bộ Khoa học và Công nghệ'],
  ['CP', 'Chính phủ'],
  ['TTg', 'Thủ tướng'],
  ['QH', 'Quốc hội'],
  ['UBND', 'Ủy ban nhân dân'],
]);

/** Kinds of legal documents, as abbreviated in their numbers. */
export const DOCUMENT_KINDS: ReadonlyMap<string, string> = new Map([
  ['QĐ', 'quyết định'],
  ['TT', 'thông tư'],
  ['NĐ', 'nghị định'],
  ['NQ', 'nghị quyết'],
  ['CT', 'chỉ thị'],
  ['CV', 'công văn'],
  ['L', 'luật'],
]);

/** Letter names for spelling an unknown acronym ("LD" → "lờ đê", "C06" → "xê không sáu"). */
export const LETTER_NAMES: ReadonlyMap<string, string> = new Map([
  ['A', 'a'], ['B', 'bê'], ['C', 'xê'], ['D', 'đê'], ['Đ', 'đê'], ['E', 'e'], ['F', 'ép'], ['G', 'gờ'], ['H', 'hát'],
  ['I', 'i'], ['J', 'gi'], ['K', 'ca'], ['L', 'lờ'], ['M', 'mờ'], ['N', 'nờ'], ['O', 'ô'], ['P', 'pê'], ['Q', 'quy'],
  ['R', 'rờ'], ['S', 'ét'], ['T', 'tê'], ['U', 'u'], ['V', 'vê'], ['W', 'vê kép'], ['X', 'ích'], ['Y', 'i'], ['Z', 'dét'],
]);

/** Symbols said as words. */
export const SYMBOLS: ReadonlyMap<string, string> = new Map([
  ['&', 'và'],
  ['@', 'a còng'],
  ['#', 'thăng'],
  ['+', 'cộng'],
  ['=', 'bằng'],
  ['*', 'sao'],
]);

/** Spells letters by their names; characters without a name are kept. */
export function spellLetters(letters: string): string {
  return [...letters].map((letter) => LETTER_NAMES.get(letter.toUpperCase()) ?? letter).join(' ');
}
