/**
 * The layout checker of the screen-fit test, run on small hand-made pages: it must report each kind
 * of fault it exists for, and stay quiet on a page that fits, so the screen-fit test cannot pass
 * because the checker sees nothing.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser';
import { checkLayout, type LayoutProblemKind } from '../support/layout-check';

const STYLE = '<style>body { margin: 0; font: 24px/1.45 sans-serif; overflow: hidden; } p { margin: 0; } button { font: inherit; }</style>';

describe('layout checker on fixture pages', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 800, height: 600 } });
  });

  afterAll(async () => browser?.close());

  const kindsOn = async (body: string, mainButton: string | null = null): Promise<LayoutProblemKind[]> => {
    await page.setContent(`${STYLE}${body}`);
    const problems = await checkLayout(page, { mainButton });
    return [...new Set(problems.map((problem) => problem.kind))].sort();
  };

  it('finds nothing on a page that fits, with long text in a scrolling region', async () => {
    const list = Array.from({ length: 40 }, (_, i) => `<p>Dòng số ${i + 1}</p>`).join('');
    const body = `<main style="display:flex;flex-direction:column;height:100vh">
      <h1 style="margin:0">Tiêu đề</h1>
      <div style="flex:1;min-height:0;overflow-y:auto">${list}</div>
      <button id="go">Tiếp theo</button></main>`;
    await expect(kindsOn(body, '#go')).resolves.toEqual([]);
  });

  it('reports two texts drawn on top of each other', async () => {
    const body = '<p style="position:absolute;top:100px;left:100px">Nghe lại</p><p style="position:absolute;top:110px;left:120px">Thẻ mẫu</p>';
    await expect(kindsOn(body)).resolves.toEqual(['overlap']);
  });

  it('reports a button drawn over a panel’s text', async () => {
    const body = '<aside style="margin-top:100px">Thẻ mẫu của người giả</aside><button id="go" style="position:relative;top:-30px">Nghe</button>';
    await expect(kindsOn(body, '#go')).resolves.toEqual(['overlap']);
  });

  it('reports a picture drawn over text, but not two pictures that touch', async () => {
    const picture = (top: number) => `<svg style="position:absolute;top:${top}px;left:100px" width="120" height="80"><rect width="120" height="80" /></svg>`;
    await expect(kindsOn(`<p style="margin-top:120px">Trạm trình diễn — phường Hạ Long</p>${picture(110)}`)).resolves.toEqual(['overlap']);
    await expect(kindsOn(`${picture(100)}${picture(150)}`)).resolves.toEqual([]);
  });

  it('reports text cut off by a box with overflow hidden, and text that overflows it sideways', async () => {
    await expect(kindsOn('<div style="width:120px;overflow:hidden;white-space:nowrap">Chào mừng đến Trạm Học Số</div>')).resolves.toEqual(['clipped']);
    await expect(kindsOn('<div style="height:30px;overflow:hidden">Dòng một<br>Dòng hai<br>Dòng ba</div>')).resolves.toEqual(['clipped']);
  });

  it('reports a word split over two lines in a box too narrow for it, but not a long path', async () => {
    const box = (text: string) => `<button style="width:70px;padding:0 20px;overflow-wrap:break-word">${text}</button>`;
    await expect(kindsOn(box('Xoá'))).resolves.toEqual(['broken-word']);
    await expect(kindsOn('<p style="width:200px;overflow-wrap:break-word">/mnt/usb/tram-hoc-so-xuat-du-lieu-2026</p>')).resolves.toEqual([]);
    await expect(kindsOn('<p style="width:200px">Đưa mặt sau thẻ có mã QR lại gần máy quét</p>')).resolves.toEqual([]);
  });

  it('reports text sticking out of the box it is drawn in (a card, a button)', async () => {
    const card = '<figure style="margin:0;width:150px;border:2px dashed #000"><figcaption style="white-space:nowrap">Trạm trình diễn — Nhà văn hoá</figcaption></figure>';
    await expect(kindsOn(card)).resolves.toEqual(['outside-box']);
    await expect(kindsOn('<button style="width:90px;height:40px;white-space:nowrap">Tình nguyện viên</button>')).resolves.toEqual(['outside-box']);
    await expect(kindsOn('<span style="border:2px solid #000">Đã điểm danh</span>')).resolves.toEqual([]);
  });

  it('reports a title pushed above the top of the window', async () => {
    await expect(kindsOn('<h1 style="margin:0;position:relative;top:-20px">Chào mừng</h1>')).resolves.toEqual(['outside-viewport']);
  });

  it('reports a page taller than the window, and the main button below the fold', async () => {
    const kinds = await kindsOn('<div style="height:700px"></div><button id="go">Tiếp theo</button>', '#go');
    expect(kinds).toEqual(['main-button-hidden', 'outside-viewport', 'page-overflow']);
  });

  it('reports a main button scrolled out of its region, covered by another box, or missing', async () => {
    const inRegion = '<div style="height:200px;overflow-y:auto"><div style="height:400px"></div><button id="go">Tiếp theo</button></div>';
    await expect(kindsOn(inRegion, '#go')).resolves.toEqual(['main-button-hidden']);
    const covered = '<button id="go">Tiếp theo</button><div style="position:absolute;inset:0;background:#fff"></div>';
    await expect(kindsOn(covered, '#go')).resolves.toEqual(['main-button-hidden']);
    await expect(kindsOn('<p>Không có nút</p>', '#go')).resolves.toEqual(['main-button-missing']);
  });

  it('reports a scrolling region that itself reaches outside the window', async () => {
    const body = '<div style="height:900px;overflow-y:auto"><p>Dòng</p></div>';
    await expect(kindsOn(body)).resolves.toEqual(['page-overflow', 'scroller-outside-viewport']);
  });

  it('checks only an open modal dialog, not the screen it covers', async () => {
    const body = `<p style="position:absolute;top:0">Chữ một</p><p style="position:absolute;top:8px">Chữ hai</p>
      <div role="alertdialog" aria-modal="true" style="position:fixed;inset:0;background:#fff"><button id="go">Tôi vẫn đang học</button></div>`;
    await expect(kindsOn(body, '#go')).resolves.toEqual([]);
  });
});
