import type { Bilingual } from './strings';

/** What the narration controls say (renderer/narration/). */
export const narrationStrings = {
  slower: { vi: 'Đọc chậm', en: 'Slower' },
  packFailed: { vi: 'Không phát được bài đọc ghi sẵn, máy đọc bằng giọng khác.', en: 'The recorded reading cannot be played; another voice reads it.' },
  noVoice: { vi: 'Máy không đọc được bài này. Bác nhờ người hướng dẫn giúp nhé.', en: 'This computer cannot read this aloud. Please ask the volunteer.' },
  loading: { vi: 'Đang chuẩn bị giọng đọc…', en: 'Preparing the voice…' },
} as const satisfies Record<string, Bilingual>;
