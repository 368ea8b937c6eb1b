/**
 * The shell of the staff pages: escaped text only, large readable type, Vietnamese first and English
 * second in every label, no scripts.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** A label in both languages: `Vietnamese · English`. */
export function label(vi: string, en: string): string {
  return `${escapeHtml(vi)} <span class="en">· ${escapeHtml(en)}</span>`;
}

const STYLE = `
  html { font-family: "Be Vietnam Pro", system-ui, "Segoe UI", Roboto, Arial, sans-serif; font-size: 20px; line-height: 1.5; color: #111; background: #fff; }
  body { margin: 0 auto; max-width: 72rem; padding: 1rem 1.5rem 3rem; }
  h1 { font-size: 2rem; margin: 0.5rem 0 1rem; } h2 { font-size: 1.5rem; margin: 2rem 0 0.75rem; }
  .en { color: #444; font-weight: normal; }
  table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1rem; }
  th, td { border: 1px solid #888; padding: 0.4rem 0.6rem; text-align: left; vertical-align: top; }
  th { background: #eef2f7; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
  form.inline { display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: end; }
  label { display: flex; flex-direction: column; gap: 0.25rem; }
  input, button { font: inherit; padding: 0.5rem 0.75rem; border: 2px solid #333; border-radius: 0.4rem; }
  button { background: #0b5394; color: #fff; border-color: #0b5394; cursor: pointer; }
  a { color: #0b5394; } .warn { color: #9c0006; font-weight: bold; } .note { color: #333; font-size: 0.9rem; }
  header { display: flex; justify-content: space-between; align-items: center; flex-wrap: wrap; gap: 1rem; }
  :focus-visible { outline: 3px solid #f1c232; outline-offset: 2px; }
`;

/** A whole page. `body` must already be escaped HTML. */
export function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

/** Content-Security-Policy for these pages: no scripts, forms post only to the hub. */
export const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/** `YYYY-MM-DD HH:mm` in Vietnam time (UTC+7), or a dash. */
export function formatTime(ms: number | null): string {
  if (ms === null) return '—';
  return new Date(ms + 7 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** A clock offset as `+3 giờ 12 phút / +3 h 12 min`-style short text. */
export function formatOffset(ms: number | null): string {
  if (ms === null) return '—';
  const sign = ms < 0 ? '−' : '+';
  const total = Math.round(Math.abs(ms) / 1000);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  if (hours > 0) return `${sign}${hours} h ${minutes} min`;
  if (minutes > 0) return `${sign}${minutes} min ${seconds} s`;
  return `${sign}${seconds} s`;
}
