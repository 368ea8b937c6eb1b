/**
 * Texts of the practice steps and of the learner's progress (issue #19 items 2 and 5), Vietnamese
 * first. Kind words only: a wrong try is never "sai", it is "chưa đúng" with what to look at.
 */
import type { Bilingual } from './strings';

export const practiceStrings = {
  practice: { vi: 'Thực hành', en: 'Practice' },
  simulated: { vi: 'giả lập', en: 'simulated' },
  check: { vi: 'Kiểm tra', en: 'Check' },
  submitForm: { vi: 'Nộp hồ sơ', en: 'Submit' },
  tryAgain: { vi: 'Thử lại', en: 'Try again' },
  later: { vi: 'Để sau', en: 'Later' },
  correct: { vi: 'Đúng rồi! Bác làm rất tốt.', en: 'That is right! Well done.' },
  notYet: { vi: 'Chưa đúng hết. Không sao, bác xem gợi ý rồi thử lại nhé.', en: 'Not quite yet. No problem: read the hint and try again.' },
  attempt: { vi: 'Lần thử', en: 'Attempt' },
  // spot
  tapHint: { vi: 'Chạm vào chỗ bác thấy đáng ngờ. Chạm lại để bỏ chọn.', en: 'Tap what looks suspicious. Tap again to undo.' },
  flagged: { vi: 'Đáng ngờ', en: 'Suspicious' },
  ordinary: { vi: 'Chỗ này bình thường', en: 'This part is ordinary' },
  toFind: { vi: 'Cần tìm', en: 'To find' },
  // pay-check
  shopSign: { vi: 'Biển mã QR ở quầy', en: 'QR sign at the counter' },
  price: { vi: 'Giá', en: 'Price' },
  confirmScreen: { vi: 'Xác nhận chuyển tiền', en: 'Confirm transfer' },
  recipient: { vi: 'Người nhận', en: 'Recipient' },
  bank: { vi: 'Ngân hàng', en: 'Bank' },
  amount: { vi: 'Số tiền', en: 'Amount' },
  note: { vi: 'Nội dung', en: 'Message' },
  pay: { vi: 'Trả tiền', en: 'Pay' },
  cancel: { vi: 'Hủy', en: 'Cancel' },
  chosePay: { vi: 'Bác chọn: Trả tiền', en: 'You chose: Pay' },
  choseCancel: { vi: 'Bác chọn: Hủy', en: 'You chose: Cancel' },
  payment: { vi: 'Lần', en: 'Payment' },
  // order
  orderHint: { vi: 'Chạm vào từng bước theo đúng thứ tự, từ bước đầu tiên.', en: 'Tap the steps in the right order, first step first.' },
  undoLast: { vi: 'Bỏ số cuối', en: 'Undo last' },
  inPlace: { vi: 'Đúng chỗ', en: 'In place' },
  outOfPlace: { vi: 'Chưa đúng chỗ', en: 'Not in place' },
  // form
  publicService: { vi: 'Dịch vụ công', en: 'Public services' },
  sampleTitle: { vi: 'Giấy tờ mẫu (người giả định)', en: 'Sample paper (a made-up person)' },
  tick: { vi: 'Đánh dấu', en: 'Tick' },
  ticked: { vi: 'Đã đánh dấu', en: 'Ticked' },
  requiredMark: { vi: 'bắt buộc', en: 'required' },
  formErrors: { vi: 'Cổng báo lỗi ở các ô có chữ đỏ. Bác sửa rồi nộp lại nhé.', en: 'The portal flags the fields in red. Fix them and submit again.' },
  // progress (lesson list and certificate)
  yourTrack: { vi: 'Lộ trình của bác', en: 'Your track' },
  chooseTrack: { vi: 'Chọn lộ trình', en: 'Choose a track' },
  finished: { vi: 'Đã xong', en: 'Finished' },
  lessonsWord: { vi: 'bài', en: 'lessons' },
  nextInTrack: { vi: 'Bài tiếp theo', en: 'Next lesson' },
  trackDone: { vi: 'Bác đã xong cả lộ trình này!', en: 'You have finished this whole track!' },
  hasPractice: { vi: 'có thực hành', en: 'with practice' },
  inferredNote: { vi: 'Trạm chọn theo năm sinh; bác có thể đổi.', en: 'Chosen by birth year; you can change it.' },
  certificateProgress: { vi: 'Tiến độ học', en: 'Learning progress' },
  quizPassedTitle: { vi: 'Bác đã làm đúng bài kiểm tra của bài', en: 'You passed the quiz of' },
  practicePending: { vi: 'Còn phần thực hành: làm xong là đạt bài này.', en: 'Finish the practice to pass.' },
  toPractice: { vi: 'Làm phần thực hành', en: 'Do the practice' },
} as const satisfies Record<string, Bilingual>;

/** "3/8 bài" in both languages. */
export function countOf(passed: number, total: number): Bilingual {
  return { vi: `${passed}/${total} ${practiceStrings.lessonsWord.vi}`, en: `${passed}/${total} ${practiceStrings.lessonsWord.en}` };
}

/** Amounts as Vietnamese receipts write them: 45.000 đ. */
export function formatDong(amount: number): string {
  return `${String(amount).replace(/\B(?=(\d{3})+(?!\d))/g, '.')} đ`;
}
