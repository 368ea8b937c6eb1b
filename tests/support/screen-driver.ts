/**
 * Shows the rows of the screen table (kiosk-screens.ts) in one browser: one web host and one touch
 * page per station kind, started when a row first needs it and reused for every later row. Each row
 * starts from a reloaded page, with the previous row's visit, volunteer sign-in and group session
 * ended on the station.
 */
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { join } from 'node:path';
import { VolunteerAuth } from '../../electron/station/services/volunteer-auth';
import { CONFIG_FILES, CONFIGURED_PIN, type KioskScreen, type ScreenContext, type StationKind } from './kiosk-screens';
import { startTestWebHost, type RunningWebHost } from './web-host-fixture';

export interface ScreenSize {
  readonly width: number;
  readonly height: number;
}

/** The monitors commune halls have (issue #19): old 4:3 and 5:4 screens, cheap laptops, full HD. */
export const MONITOR_SIZES: readonly ScreenSize[] = [
  { width: 1024, height: 768 },
  { width: 1280, height: 1024 },
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
];

export const sizeName = (size: ScreenSize) => `${size.width}×${size.height}`;

const LARGEST = MONITOR_SIZES[MONITOR_SIZES.length - 1]!;

interface StationPage extends ScreenContext {
  readonly running: RunningWebHost;
}

export class ScreenDriver {
  private readonly pages = new Map<StationKind, StationPage>();

  constructor(
    private readonly browser: Browser,
    private readonly contextOptions: BrowserContextOptions = {},
  ) {}

  /**
   * Reaches a row's screen and returns its page at `size`. The screen is reached at the largest size
   * (nothing needs scrolling into view to be tapped there) and the window then resized, unless
   * `reachAtSize` asks to reach it at `size` itself.
   */
  async show(screen: KioskScreen, size: ScreenSize = LARGEST, { reachAtSize = false } = {}): Promise<Page> {
    const context = await this.stationPage(screen.station);
    await this.reset(context, reachAtSize ? size : LARGEST);
    await screen.reach(context);
    await context.page.locator(`[data-screen="${screen.screen}"]`).first().waitFor();
    await context.page.setViewportSize(size);
    return context.page;
  }

  async close(): Promise<void> {
    for (const { page, running } of this.pages.values()) {
      await page.context().close();
      await running.stop();
    }
    this.pages.clear();
  }

  private async stationPage(kind: StationKind): Promise<StationPage> {
    const known = this.pages.get(kind);
    if (known) return known;
    const running = await startTestWebHost({ configPath: CONFIG_FILES[kind] });
    // A configured station has no demo PIN: a technician set one (as `tram volunteer set-pin` does).
    if (kind === 'configured') new VolunteerAuth({ keysPath: join(running.dataDir, 'keys.json'), wallMs: () => Date.now(), demoMode: false }).setPin(CONFIGURED_PIN);
    const context = await this.browser.newContext({ ...this.contextOptions, viewport: LARGEST, hasTouch: true });
    const page = await context.newPage();
    // A fake clock (running at normal speed) so that a row can fast-forward to the idle warning.
    await page.clock.install();
    await page.goto(running.host.url);
    const created = { running, station: running.station, page };
    this.pages.set(kind, created);
    return created;
  }

  private async reset({ page, station }: StationPage, size: ScreenSize): Promise<void> {
    // Each may be refused (no group, nobody signed in, a station in maintenance): that is the state wanted.
    await station.handlers.endGroup({}).catch(() => null);
    await station.handlers.endVisit({ reason: 'user' }).catch(() => null);
    await station.handlers.volunteerSignOut({}).catch(() => null);
    await page.setViewportSize(size);
    await page.reload();
    await page.locator('[data-screen]:not([data-screen="loading"])').first().waitFor();
  }
}
