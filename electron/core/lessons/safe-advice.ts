/**
 * The standard safe advice the kiosk shows in place of a step that gives a phone number nobody has
 * confirmed lately (fact-review.ts). One text for every lesson, written once and checked once,
 * rather than an alternative each lesson author must remember to write (lessons/README.md, "Facts",
 * says why). It sends the learner only to contacts that do not go stale: the number printed on their
 * own bank card and the commune police in person.
 */
export const SAFE_ADVICE = {
  text: {
    vi: 'Gặp cuộc gọi hay tin nhắn đáng ngờ, bác tắt máy và không làm theo. Cần hỏi hay trình báo, bác gọi số tổng đài in trên thẻ ngân hàng của mình, hoặc đến thẳng Công an xã, phường. Không gọi vào số do người lạ đưa.',
    en: 'If a call or message seems suspicious, hang up and do not follow it. To ask for help or report it, call the number printed on your own bank card, or go straight to the commune or ward police. Never call a number a stranger gives you.',
  },
  imageAlt: {
    vi: 'Nút tắt máy màu đỏ, thẻ ngân hàng có số tổng đài, và trụ sở Công an xã.',
    en: 'A red hang-up button, a bank card with its hotline number, and the commune police station.',
  },
  /** Why this step looks different: shown above the advice. */
  note: {
    vi: 'Số điện thoại của bước này đang được kiểm tra lại.',
    en: 'The phone number for this step is being re-checked.',
  },
} as const;
