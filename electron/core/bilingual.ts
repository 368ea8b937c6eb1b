/**
 * A text every villager-facing part of the project carries in both languages, Vietnamese first. The
 * one declaration: the contract re-exports it, and the renderer, reports, lessons and errors use it.
 */
export interface Bilingual {
  readonly vi: string;
  readonly en: string;
}
