import type { Bilingual } from '../../electron/contract/dto';

/**
 * Shown in place of a step's picture when the station has replaced the step by the standard safe
 * advice, because the step gives a phone number nobody has confirmed lately (see
 * electron/core/lessons/safe-advice.ts). The step's own picture may show that number, so this draws
 * the contacts that never go stale instead — hang up, the number printed on your bank card, the
 * commune police — and says in one line why the step looks different. No digits in the drawing.
 */
export function SafeAdvicePanel({ note, alt }: { note: Bilingual; alt: Bilingual }) {
  return (
    <figure className="safe-advice" data-testid="safe-advice" style={{ margin: 0 }}>
      <SafeContactsDrawing label={alt.vi} />
      <figcaption className="note" role="note">
        <span lang="vi">{note.vi}</span> <span lang="en" className="en">/ {note.en}</span>
      </figcaption>
    </figure>
  );
}

/** 400×300 like the lesson pictures, with the same flat style and large Vietnamese labels. */
function SafeContactsDrawing({ label }: { label: string }) {
  return (
    <svg className="step-image" viewBox="0 0 400 300" width={400} height={300} role="img" aria-label={label} fontFamily="Be Vietnam Pro, sans-serif">
      <title>{label}</title>
      <rect width="400" height="300" fill="#F1F5F9" />
      <circle cx="70" cy="110" r="42" fill="#B91C1C" />
      <path d="M38 116Q70 90 102 116L96 128L82 120V110Q70 106 58 110V120L44 128Z" fill="#FFFFFF" />
      <text x="70" y="192" fontSize="17" fontWeight="700" fill="#0F172A" textAnchor="middle">
        Tắt máy
      </text>
      <rect x="140" y="78" width="120" height="76" rx="10" fill="#1D4ED8" />
      <rect x="140" y="96" width="120" height="14" fill="#0F172A" />
      <text x="200" y="140" fontSize="14" fontWeight="700" fill="#FFFFFF" textAnchor="middle">
        TỔNG ĐÀI
      </text>
      <text x="200" y="192" fontSize="16" fontWeight="700" fill="#0F172A" textAnchor="middle">
        <tspan x="200" dy="0">Số in trên</tspan>
        <tspan x="200" dy="21">thẻ ngân hàng</tspan>
      </text>
      <path d="M272 78L330 52L388 78Z" fill="#92400E" />
      <rect x="280" y="78" width="100" height="88" fill="#FDE68A" />
      <rect x="284" y="86" width="92" height="22" rx="4" fill="#B91C1C" />
      <text x="330" y="102" fontSize="13" fontWeight="700" fill="#FFFFFF" textAnchor="middle">
        CÔNG AN XÃ
      </text>
      <rect x="318" y="134" width="24" height="32" rx="2" fill="#92400E" />
      <text x="330" y="192" fontSize="16" fontWeight="700" fill="#0F172A" textAnchor="middle">
        <tspan x="330" dy="0">Đến tận nơi</tspan>
        <tspan x="330" dy="21">hỏi công an</tspan>
      </text>
      <rect x="20" y="240" width="360" height="44" rx="10" fill="#1D4ED8" />
      <text x="200" y="268" fontSize="17" fontWeight="700" fill="#FFFFFF" textAnchor="middle">
        Không gọi số do người lạ đưa
      </text>
    </svg>
  );
}
