import type { Bilingual } from '../i18n/strings';

/** Vietnamese in large type with its English line below it, smaller. */
export function BilingualText({ text, as = 'p', className }: { text: Bilingual; as?: 'p' | 'h1' | 'h2' | 'span'; className?: string }) {
  const Tag = as;
  return (
    <Tag className={className ? `bilingual ${className}` : 'bilingual'}>
      <span lang="vi" className="vi">
        {text.vi}
      </span>
      <span lang="en" className="en">
        {text.en}
      </span>
    </Tag>
  );
}
