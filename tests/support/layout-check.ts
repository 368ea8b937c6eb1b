/**
 * Checks, inside the page, that a screen fits the window: no text outside the viewport or cut off by
 * its box, no two texts on top of each other, no page that would need scrolling, and the screen's main
 * button fully visible and tappable without scrolling anything.
 *
 * Text is measured as it is drawn: the client rects of each text node's glyph boxes (one per line),
 * not the boxes of the elements around it, so a wide flex item does not count as text where it is
 * empty. Form controls (input, select) count as text boxes too, and pictures (img, svg) may not lie
 * on text either. A word split over two lines counts as cut, and so does text sticking out of the box
 * (border or background) it is drawn in. Text inside a scrolling region
 * (overflow auto/scroll) may lie outside the region's visible part, since it is reachable, but the
 * region itself must be inside the viewport; text under overflow hidden/clip that does not fit is
 * clipped. When a modal dialog is open, only the dialog is checked (the screen under it is covered).
 *
 * `findLayoutProblems` is passed to `page.evaluate`, so it must not use anything outside its body.
 */
import type { Page } from 'playwright-core';

export type LayoutProblemKind =
  | 'page-overflow'
  | 'outside-viewport'
  | 'clipped'
  | 'overlap'
  | 'broken-word'
  | 'outside-box'
  | 'scroller-outside-viewport'
  | 'main-button-missing'
  | 'main-button-hidden';

export interface LayoutProblem {
  readonly kind: LayoutProblemKind;
  readonly detail: string;
}

/** What a screen must show; `mainButton` is a CSS selector, and every element it matches must be fully visible. */
export interface LayoutCheckOptions {
  readonly mainButton: string | null;
  /**
   * A document page (the hub's staff pages) scrolls vertically: its height is not a fault and text
   * below the fold counts as inside. Width still is: nothing may stick out sideways. Default false
   * (a kiosk screen never scrolls as a whole).
   */
  readonly pageScrolls?: boolean;
}

interface LayoutCheckArgs extends LayoutCheckOptions {
  /** Overlaps up to this many pixels in either direction are ignored (glyph boxes of adjacent lines touch). */
  readonly tolerancePx: number;
}

/** Runs the check in the page after fonts and images have settled. */
export async function checkLayout(page: Page, options: LayoutCheckOptions): Promise<LayoutProblem[]> {
  await page.evaluate(async () => {
    await document.fonts.ready;
    await Promise.all([...document.images].map((image) => (image.complete ? null : new Promise((resolve) => ((image.onload = resolve), (image.onerror = resolve))))));
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  });
  return page.evaluate(findLayoutProblems, { ...options, tolerancePx: 3 });
}

function findLayoutProblems({ mainButton, tolerancePx, pageScrolls }: LayoutCheckArgs): LayoutProblem[] {
  type Box = { left: number; top: number; right: number; bottom: number };
  const problems: LayoutProblem[] = [];
  const add = (kind: LayoutProblemKind, detail: string) => problems.push({ kind, detail });
  const viewport: Box = { left: 0, top: 0, right: window.innerWidth, bottom: pageScrolls === true ? Math.max(window.innerHeight, document.documentElement.scrollHeight) : window.innerHeight };
  const label = (element: Element) => {
    const text = (element.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
    const id = element.getAttribute('data-testid') ?? element.getAttribute('data-screen') ?? element.className.toString().split(' ')[0] ?? '';
    return `<${element.tagName.toLowerCase()}${id ? ` ${id}` : ''}> "${text}"`;
  };
  const fmt = (box: Box) => `[${Math.round(box.left)},${Math.round(box.top)} – ${Math.round(box.right)},${Math.round(box.bottom)}]`;
  const inside = (box: Box, frame: Box) => box.left >= frame.left - 1 && box.top >= frame.top - 1 && box.right <= frame.right + 1 && box.bottom <= frame.bottom + 1;
  const intersect = (a: Box, b: Box): Box => ({ left: Math.max(a.left, b.left), top: Math.max(a.top, b.top), right: Math.min(a.right, b.right), bottom: Math.min(a.bottom, b.bottom) });
  const isEmpty = (box: Box) => box.right - box.left <= 0 || box.bottom - box.top <= 0;
  /** The part of an element's padding box its overflow shows (the scrollbars excluded). */
  const clientBox = (element: Element): Box => {
    const rect = element.getBoundingClientRect();
    const left = rect.left + element.clientLeft;
    const top = rect.top + element.clientTop;
    return { left, top, right: left + element.clientWidth, bottom: top + element.clientHeight };
  };
  const styles = new Map<Element, CSSStyleDeclaration>();
  const styleOf = (element: Element) => {
    let style = styles.get(element);
    if (!style) styles.set(element, (style = getComputedStyle(element)));
    return style;
  };
  const scrolls = (value: string) => value === 'auto' || value === 'scroll';
  const hides = (value: string) => value === 'hidden' || value === 'clip';

  // The page itself must not need scrolling: the kiosk hides the page's scrollbars, so it could not.
  const page = document.documentElement;
  if ((page.scrollHeight > window.innerHeight + 1 && pageScrolls !== true) || page.scrollWidth > window.innerWidth + 1) {
    add('page-overflow', `page is ${page.scrollWidth}×${page.scrollHeight}, window ${window.innerWidth}×${window.innerHeight}`);
  }
  if ((document.scrollingElement?.scrollTop ?? 0) !== 0) add('page-overflow', 'page is scrolled');

  const root = document.querySelector('[aria-modal="true"]') ?? document.body;

  // Every element whose overflow hides content must not have more content than it shows.
  for (const element of [root, ...root.querySelectorAll('*')]) {
    const style = styleOf(element);
    if (style.display === 'none' || element.closest('svg')) continue;
    if (hides(style.overflowX) && element.scrollWidth > element.clientWidth + 1 && element !== document.body) add('clipped', `${label(element)} is ${element.scrollWidth}px wide inside ${element.clientWidth}px`);
    if (hides(style.overflowY) && element.scrollHeight > element.clientHeight + 1 && element !== document.body) add('clipped', `${label(element)} is ${element.scrollHeight}px tall inside ${element.clientHeight}px`);
  }

  // Text boxes as drawn (and pictures, which hide text as well), each reduced to the part its scrolling
  // ancestors show right now.
  type Piece = { owner: Element; node: Node | null; isText: boolean; box: Box };
  const pieces: Piece[] = [];
  const scrollers = new Set<Element>();
  const place = (owner: Element, node: Node | null, isText: boolean, box: Box) => {
    let visible = box;
    for (let ancestor = owner.parentElement; ancestor && ancestor !== document.body; ancestor = ancestor.parentElement) {
      const style = styleOf(ancestor);
      if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
      const frame = clientBox(ancestor);
      const beyondX = box.left < frame.left - 1 || box.right > frame.right + 1;
      const beyondY = box.top < frame.top - 1 || box.bottom > frame.bottom + 1;
      if ((beyondX && hides(style.overflowX)) || (beyondY && hides(style.overflowY))) {
        add('clipped', `${label(owner)} ${fmt(box)} is cut off by ${label(ancestor)} ${fmt(frame)}`);
        return;
      }
      if (scrolls(style.overflowX) || scrolls(style.overflowY)) {
        scrollers.add(ancestor);
        visible = intersect(visible, frame);
      }
    }
    if (isText) {
      const drawn = boxAround(owner);
      if (drawn && !inside(box, drawn.getBoundingClientRect())) add('outside-box', `${label(owner)} ${fmt(box)} sticks out of ${label(drawn)} ${fmt(drawn.getBoundingClientRect())}`);
    }
    if (isEmpty(visible)) return; // scrolled out of its region: reachable, and checked when scrolled in
    if (!inside(visible, viewport)) add('outside-viewport', `${label(owner)} ${fmt(visible)} is outside the ${window.innerWidth}×${window.innerHeight} window`);
    pieces.push({ owner, node, isText, box: visible });
  };
  /**
   * The nearest element around a text that draws a box (a border or a background colour: a button, a
   * card, a badge, a table): the text must stay inside it. None when a scrolling region comes first
   * (its content may lie beyond it) or none draws a box.
   */
  const boxAround = (owner: Element): Element | null => {
    for (let element: Element | null = owner; element && element !== document.body; element = element.parentElement) {
      const style = styleOf(element);
      if (scrolls(style.overflowX) || scrolls(style.overflowY)) return null;
      const hasBorder = ['Top', 'Right', 'Bottom', 'Left'].some((side) => parseFloat(style.getPropertyValue(`border-${side.toLowerCase()}-width`)) > 0 && style.getPropertyValue(`border-${side.toLowerCase()}-style`) !== 'none');
      const hasBackground = style.backgroundColor !== 'rgba(0, 0, 0, 0)' && style.backgroundColor !== 'transparent';
      if ((hasBorder || hasBackground) && style.display !== 'inline') return element;
    }
    return null;
  };
  // The content of a closed <details> keeps layout boxes in Chromium (content-visibility) but is not drawn.
  const rendered = (element: Element) => styleOf(element).visibility === 'visible' && element.getClientRects().length > 0 && element.closest('details:not([open]) > :not(summary)') === null;

  // A word split over two lines (a box too narrow for it, with overflow-wrap breaking it) is as
  // unreadable as a clipped one. Tokens longer than MAX_WORD (paths, codes) may break.
  const MAX_WORD = 24;
  const isLetter = (char: string) => /[\p{L}\p{M}\p{N}]/u.test(char);
  const findBrokenWord = (owner: Element, node: Node) => {
    const text = node.textContent ?? '';
    const range = document.createRange();
    let previous: DOMRect | null = null;
    for (let i = 0; i < text.length; i++) {
      range.setStart(node, i);
      range.setEnd(node, i + 1);
      const rect = range.getBoundingClientRect();
      const letter = isLetter(text[i]!);
      if (letter && previous && rect.top >= previous.bottom - previous.height / 2) {
        let start = i;
        let end = i;
        while (start > 0 && /\S/.test(text[start - 1]!)) start--;
        while (end < text.length && /\S/.test(text[end]!)) end++;
        if (end - start <= MAX_WORD) {
          add('broken-word', `${label(owner)}: "${text.slice(start, end)}" is split over two lines`);
          return;
        }
      }
      previous = letter ? rect : null;
    }
  };

  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const owner = node.parentElement;
    if (!owner || !node.textContent?.trim() || owner.closest('svg, option, script, style, template') || !rendered(owner)) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const rects = [...range.getClientRects()].filter((rect) => rect.width > 0 && rect.height > 0);
    for (const rect of rects) place(owner, node, true, rect);
    if (rects.length > 1) findBrokenWord(owner, node);
  }
  const controls = 'input:not([type="checkbox"]):not([type="radio"]):not([type="hidden"]), select, textarea';
  for (const element of root.querySelectorAll(`${controls}, img, svg`)) {
    if (element.parentElement?.closest('svg') || !rendered(element)) continue;
    place(element, null, element.matches(controls), element.getBoundingClientRect());
  }

  for (const scroller of scrollers) {
    const box = scroller.getBoundingClientRect();
    if (!inside(box, viewport)) add('scroller-outside-viewport', `scrolling region ${label(scroller)} ${fmt(box)} is outside the window`);
  }

  for (let i = 0; i < pieces.length; i++) {
    for (let j = i + 1; j < pieces.length; j++) {
      const a = pieces[i]!;
      const b = pieces[j]!;
      if (!a.isText && !b.isText) continue; // two pictures may touch; text is what must stay readable
      if (a.node !== null && a.node === b.node) continue; // lines of one text node
      const overlap = intersect(a.box, b.box);
      if (overlap.right - overlap.left > tolerancePx && overlap.bottom - overlap.top > tolerancePx) {
        add('overlap', `${label(a.owner)} ${fmt(a.box)} overlaps ${label(b.owner)} ${fmt(b.box)}`);
      }
    }
  }

  if (mainButton !== null) {
    const buttons = [...document.querySelectorAll(mainButton)].filter((button) => button.getClientRects().length > 0);
    if (buttons.length === 0) add('main-button-missing', `no visible element matches ${mainButton}`);
    for (const button of buttons) {
      const box = button.getBoundingClientRect();
      let frame: Box = viewport;
      for (let ancestor = button.parentElement; ancestor && ancestor !== document.body; ancestor = ancestor.parentElement) {
        const style = styleOf(ancestor);
        if (style.overflowX !== 'visible' || style.overflowY !== 'visible') frame = intersect(frame, clientBox(ancestor));
      }
      const centre = document.elementFromPoint((box.left + box.right) / 2, (box.top + box.bottom) / 2);
      if (!inside(box, frame)) add('main-button-hidden', `${label(button)} ${fmt(box)} is not fully visible in ${fmt(frame)}`);
      else if (!centre || !button.contains(centre)) add('main-button-hidden', `${label(button)} ${fmt(box)} is covered by ${centre ? label(centre) : 'nothing'}`);
    }
  }
  return problems;
}
