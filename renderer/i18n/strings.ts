/**
 * Every text a villager sees, Vietnamese first and English second. Screens take texts from here so a
 * reviewer can read the whole interface in one file.
 */
export interface Bilingual {
  readonly vi: string;
  readonly en: string;
}

export const strings = {
  appName: { vi: 'Trạm Học Số', en: 'Digital Learning Station' },
  welcome: { vi: 'Chào mừng đến Trạm Học Số', en: 'Welcome to the Digital Learning Station' },
  scanPrompt: { vi: 'Hãy quét mã QR trên thẻ căn cước', en: 'Please scan the QR code on your citizen ID card' },
  scanHint: {
    vi: 'Đưa mặt sau thẻ có mã QR lại gần máy quét. Không có thẻ? Hãy hỏi tình nguyện viên.',
    en: 'Hold the QR code on the back of your card near the scanner. No card? Ask a volunteer.',
  },
  listen: { vi: 'Nghe', en: 'Listen' },
  noVoice: { vi: 'Máy chưa có giọng đọc tiếng Việt', en: 'No Vietnamese voice on this computer' },
  demoBadge: { vi: 'CHẾ ĐỘ TRÌNH DIỄN', en: 'DEMO MODE' },
  maintenanceTitle: { vi: 'Trạm đang bảo trì', en: 'The station is under maintenance' },
  maintenanceBody: {
    vi: 'Xin lỗi bác, trạm tạm thời chưa dùng được. Hãy báo tình nguyện viên hoặc cán bộ phường.',
    en: 'Sorry, the station cannot be used right now. Please tell a volunteer or ward staff.',
  },
  loading: { vi: 'Đang khởi động…', en: 'Starting…' },
  syncNotEnrolled: { vi: 'Chưa kết nối với thành phố', en: 'Not connected to the city yet' },
  syncIdle: { vi: 'Đã gửi dữ liệu lên thành phố', en: 'Data sent to the city' },
  syncSyncing: { vi: 'Đang gửi dữ liệu…', en: 'Sending data…' },
  syncOffline: { vi: 'Đang chờ mạng để gửi dữ liệu', en: 'Waiting for the network to send data' },
  syncStopped: { vi: 'Gửi dữ liệu đã dừng — cần kỹ thuật viên', en: 'Sending stopped — a technician is needed' },
  waitingEvents: { vi: 'bản ghi chờ gửi', en: 'records waiting' },
} as const satisfies Record<string, Bilingual>;
