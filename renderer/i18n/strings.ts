/**
 * Every text a villager sees, Vietnamese first and English second. Screens take texts from here so a
 * reviewer can read the whole interface in one file.
 */
import type { Bilingual } from '../../electron/contract/dto';

export type { Bilingual } from '../../electron/contract/dto';

export const strings = {
  appName: { vi: 'Trạm Học Số', en: 'Digital Learning Station' },
  welcome: { vi: 'Chào mừng đến Trạm Học Số', en: 'Welcome to the Digital Learning Station' },
  scanPrompt: { vi: 'Hãy quét mã QR trên thẻ căn cước', en: 'Please scan the QR code on your citizen ID card' },
  scanHint: {
    vi: 'Đưa mặt sau thẻ có mã QR lại gần máy quét. Không có thẻ? Hãy hỏi tình nguyện viên.',
    en: 'Hold the QR code on the back of your card near the scanner. No card? Ask a volunteer.',
  },
  listen: { vi: 'Nghe', en: 'Listen' },
  demoBadge: { vi: 'CHẾ ĐỘ TRÌNH DIỄN', en: 'DEMO MODE' },
  maintenanceTitle: { vi: 'Trạm đang bảo trì', en: 'The station is under maintenance' },
  maintenanceBody: {
    vi: 'Xin lỗi bác, trạm tạm thời chưa dùng được. Hãy báo tình nguyện viên hoặc cán bộ phường.',
    en: 'Sorry, the station cannot be used right now. Please tell a volunteer or ward staff.',
  },
  loading: { vi: 'Đang khởi động…', en: 'Starting…' },
  syncNotEnrolled: { vi: 'Chưa kết nối với tỉnh', en: 'Not connected to the province yet' },
  syncUsbOnly: { vi: 'Trạm chỉ gửi dữ liệu qua USB', en: 'This station sends its data by USB only' },
  syncIdle: { vi: 'Đã gửi dữ liệu lên tỉnh', en: 'Data sent to the province' },
  syncSyncing: { vi: 'Đang gửi dữ liệu…', en: 'Sending data…' },
  syncOffline: { vi: 'Đang chờ mạng để gửi dữ liệu', en: 'Waiting for the network to send data' },
  syncStopped: { vi: 'Gửi dữ liệu đã dừng — cần kỹ thuật viên', en: 'Sending stopped — a technician is needed' },
  waitingEvents: { vi: 'bản ghi chờ gửi', en: 'records waiting' },
} as const satisfies Record<string, Bilingual>;

export const identityStrings = {
  consentTitle: { vi: 'Trạm xin phép lưu thông tin của bác', en: 'May the station keep your details?' },
  consentBody: {
    vi: 'Để ghi nhận bác đã học và chào bác lần sau, trạm lưu: tên để chào, năm sinh, giới tính và phường. Trạm không lưu số căn cước. Thành phố chỉ nhận một mã số ẩn danh, không có tên. Bác có thể nhờ tình nguyện viên xoá thông tin bất cứ lúc nào.',
    en: 'To record your learning and greet you next time, the station keeps: your name for the greeting, birth year, gender and ward. It does not keep your ID number. The city receives only an anonymous code, never your name. A volunteer can erase your details at any time.',
  },
  consentYes: { vi: 'Đồng ý', en: 'I agree' },
  consentNo: { vi: 'Không đồng ý', en: 'I do not agree' },
  consentNoHint: { vi: 'Không đồng ý bác vẫn học được, như khách.', en: 'If you do not agree you can still learn, as a guest.' },
  welcomeNew: { vi: 'Cảm ơn bác đã đăng ký.', en: 'Thank you for registering.' },
  welcomeBack: { vi: 'Rất vui được gặp lại.', en: 'Good to see you again.' },
  guestTitle: { vi: 'Chào bác, bác học với tư cách khách', en: 'Welcome, you are learning as a guest' },
  guestBody: { vi: 'Trạm không lưu thông tin gì về bác.', en: 'The station keeps nothing about you.' },
  rejectedTitle: { vi: 'Chưa đọc được thẻ', en: 'The card could not be used' },
  finish: { vi: 'Kết thúc', en: 'Finish' },
  back: { vi: 'Quay lại', en: 'Back' },
  demoTitle: { vi: 'Thẻ mẫu (chế độ trình diễn)', en: 'Sample cards (demo mode)' },
  demoHint: { vi: 'Bấm vào một thẻ để giả lập quét bằng máy quét.', en: 'Tap a card to simulate a scanner read.' },
} as const satisfies Record<string, Bilingual>;

export const lessonStrings = {
  chooseLesson: { vi: 'Chọn bài học', en: 'Choose a lesson' },
  statusNew: { vi: 'Bài mới', en: 'New' },
  statusStarted: { vi: 'Đang học', en: 'In progress' },
  statusPassed: { vi: 'Đã đạt', en: 'Passed' },
  statusFailed: { vi: 'Chưa đạt — học lại', en: 'Not passed — try again' },
  suggested: { vi: 'Nên học tiếp', en: 'Suggested next' },
  minutes: { vi: 'phút', en: 'min' },
  step: { vi: 'Bước', en: 'Step' },
  listenAgain: { vi: 'Nghe lại', en: 'Listen again' },
  previous: { vi: 'Quay lại', en: 'Back' },
  next: { vi: 'Tiếp theo', en: 'Next' },
  toQuiz: { vi: 'Làm bài kiểm tra', en: 'Take the quiz' },
  question: { vi: 'Câu hỏi', en: 'Question' },
  correct: { vi: 'Đúng rồi! Bác giỏi quá.', en: 'Correct! Well done.' },
  wrong: { vi: 'Chưa đúng. Không sao, bác chọn lại nhé.', en: 'Not quite. No problem — please choose again.' },
  nextQuestion: { vi: 'Câu tiếp theo', en: 'Next question' },
  finishQuiz: { vi: 'Xem kết quả', en: 'See the result' },
  passedTitle: { vi: 'Chúc mừng! Bác đã hoàn thành bài học', en: 'Congratulations! You completed the lesson' },
  failedTitle: { vi: 'Bác đã học xong, hãy thử lại để đạt nhé', en: 'You finished; try again to pass' },
  score: { vi: 'Số câu đúng ngay lần đầu', en: 'Correct at the first try' },
  tryAgain: { vi: 'Học lại bài này', en: 'Try this lesson again' },
  nextLesson: { vi: 'Học bài tiếp theo', en: 'Next lesson' },
  backToList: { vi: 'Về danh sách bài học', en: 'Back to the lessons' },
  certificate: { vi: 'In giấy chứng nhận', en: 'Print a certificate' },
  certificateTitle: { vi: 'GIẤY CHỨNG NHẬN', en: 'CERTIFICATE' },
  certificateBody: { vi: 'đã hoàn thành các bài học kỹ năng số sau tại', en: 'completed these digital-skills lessons at' },
  verification: { vi: 'Mã xác minh', en: 'Verification code' },
  print: { vi: 'In', en: 'Print' },
  guestNote: { vi: 'Bác đang học như khách: kết quả không được lưu.', en: 'You are learning as a guest: results are not saved.' },
} as const satisfies Record<string, Bilingual>;
