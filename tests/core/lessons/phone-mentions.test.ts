import { describe, expect, it } from 'vitest';
import { containsNumber, phoneDigits, phoneMentions } from '../../../electron/core/lessons/phone-mentions';

describe('phoneMentions', () => {
  it.each([
    ['Gọi 156 miễn phí.', ['156']],
    ['nội dung, gửi 156.', ['156']],
    ['báo về đầu số 5656 hoặc trang web', ['5656']],
    ['Đầu số 113', ['113']],
    ['nhắn tin tới 5656', ['5656']],
    ['gọi tổng đài 1800 8108', ['18008108']],
    ['số điện thoại 0912345678', ['0912345678']],
    ['hotline: “0339035656”', ['0339035656']],
    ['Gọi 113, rồi gọi 114.', ['113', '114']],
  ])('finds the number in %j', (text, expected) => {
    expect(phoneMentions(text)).toEqual(expected);
  });

  it.each([
    'chuyển trên 10 triệu đồng một lần',
    'gửi 5.000 đồng để in phiếu',
    'gõ 12 số trên thẻ căn cước',
    'passcode gồm 6 chữ số',
    'mật khẩu 0987654321 là mật khẩu yếu',
    'gửi 500 nghìn',
    'từ ngày 1/7/2024',
    'gọi 2 lần',
    'gửi 1/8/2025',
    'gọi số tổng đài in trên thẻ ngân hàng',
    'số định danh 12 số',
    'gửi 123456789012 đi',
  ])('leaves %j alone', (text) => {
    expect(phoneMentions(text)).toEqual([]);
  });

  it('normalises grouped numbers and finds whole numbers only', () => {
    expect(phoneDigits('1800 8108')).toBe('18008108');
    expect(phoneDigits('1900.1234')).toBe('19001234');
    expect(containsNumber('gửi 156.', '156')).toBe(true);
    expect(containsNumber('năm 1560', '156')).toBe(false);
    expect(containsNumber('mã 2156', '156')).toBe(false);
    expect(containsNumber('tổng đài 1800 8108', '1800 8108')).toBe(true);
    expect(containsNumber('1800 81080', '1800 8108')).toBe(false);
  });
});
