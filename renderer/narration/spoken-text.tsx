import type { SpokenSentence } from '../../electron/core/narration/speech-sentences';

/**
 * A displayed text with the sentence being read highlighted. `part` picks the sentences of this
 * text among the item's (0 for a step's text or a question's prompt, i + 1 for choice i).
 */
export function SpokenText({ text, sentences, part, active }: { text: string; sentences: readonly SpokenSentence[]; part: number; active: number | null }) {
  const pieces: React.ReactNode[] = [];
  let done = 0;
  sentences.forEach((sentence, index) => {
    if (sentence.part !== part) return;
    if (sentence.start > done) pieces.push(text.slice(done, sentence.start));
    pieces.push(
      <span key={index} className={index === active ? 'sentence speaking' : 'sentence'} data-sentence={index}>
        {text.slice(sentence.start, sentence.end)}
      </span>,
    );
    done = sentence.end;
  });
  if (done < text.length) pieces.push(text.slice(done));
  return <>{pieces}</>;
}
