/**
 * The station configuration file: what a technician sets per station. Validated with zod at load; an
 * invalid file never starts the kiosk blank, it shows the maintenance screen naming the field.
 * Secrets (volunteer PIN hash, keys) never live here: they are in the key store. Every object is
 * strict, so a stray `pin` (or a typo) is refused rather than silently ignored.
 * kiosk-config/station-config.schema.json is generated from this schema (`tram config schema`).
 */
import { z } from 'zod';
import { MIN_COUNTDOWN_SECONDS, MIN_WARN_AFTER_SECONDS } from '../../core/kiosk/idle-policy';
import { checkTimeRange, VIETNAM_UTC_OFFSET_MINUTES, WEEK_DAYS, type WeekDay } from '../../core/kiosk/opening-hours';

export const STATION_ID_PATTERN = /^[A-Z0-9][A-Z0-9-]{2,39}$/;
const CLOCK_TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;

const clockTime = z.string().regex(CLOCK_TIME_PATTERN, 'must be a local time "HH:MM" from 00:00 to 24:00, e.g. 07:30');

const timeRange = z
  .object({ from: clockTime, to: clockTime })
  .strict()
  .superRefine((range, context) => {
    // Only compare once both ends are well-formed: the regex issue above already names the bad end.
    if (!CLOCK_TIME_PATTERN.test(range.from) || !CLOCK_TIME_PATTERN.test(range.to)) return;
    try {
      checkTimeRange(range);
    } catch (error) {
      context.addIssue({ code: 'custom', path: ['to'], message: (error as Error).message });
    }
  });

// A registry id makes the generated JSON Schema define the day shape once under $defs.
const dayRanges = z.array(timeRange).max(6).meta({ id: 'DayRanges', description: 'Open ranges of the day, local time; [] = closed all day.' });

const weekShape = Object.fromEntries(WEEK_DAYS.map((day) => [day, dayRanges])) as Record<WeekDay, typeof dayRanges>;

const usbId = z.number().int().min(0).max(0xffff);

export const stationConfigSchema = z
  .object({
    /** Lets an editor find the JSON Schema; ignored by the kiosk. */
    $schema: z.string().max(300).optional(),
    configVersion: z.literal(1),
    station: z
      .object({
        id: z.string().regex(STATION_ID_PATTERN, 'must look like 06688-01 (A–Z, 0–9, -; 3–40 characters)'),
        name: z.string().min(1).max(80),
        wardCode: z.string().regex(/^\d{5}$/, 'must be a 5-digit ward code, e.g. 06688'),
        wardName: z.string().min(1).max(80),
      })
      .strict(),
    /** Demo mode shows sample cards so anyone can try the station without a scanner. */
    demoMode: z.boolean(),
    hub: z.object({ url: z.url({ protocol: /^https?$/ }) }).strict().nullable(),
    retention: z.object({ keepAckedDays: z.number().int().min(1).max(3650) }).strict(),
    backup: z.object({ everyHours: z.number().int().min(1).max(168), keep: z.number().int().min(1).max(60) }).strict(),
    idle: z
      .object({
        warnAfterSeconds: z.number().int().min(MIN_WARN_AFTER_SECONDS).max(3600).describe('Seconds without a touch before the "still there?" warning.'),
        countdownSeconds: z.number().int().min(MIN_COUNTDOWN_SECONDS).max(300).describe('Length of the warning countdown before the privacy reset.'),
      })
      .strict(),
    openingHours: z
      .object({
        utcOffsetMinutes: z.number().int().min(-840).max(840).describe('Local time zone as minutes from UTC; Vietnam is 420 (UTC+7).'),
        week: z.object(weekShape).strict(),
      })
      .strict()
      .describe('When the cultural house is open: the display is kept awake only then.'),
    quietHourForRelaunch: z.number().int().min(0).max(23).nullable().describe('Local hour (0–23) of the nightly relaunch while closed; null = never.'),
    scanners: z
      .object({
        vidPids: z
          .array(z.object({ vendorId: usbId, productId: usbId }).strict())
          .max(32)
          .describe('Extra HID-POS scanner models by USB vendor/product id (decimal); HID-POS usage page devices are found anyway.'),
      })
      .strict(),
    kiosk: z
      .object({
        fullscreen: z.boolean().describe('Full-screen kiosk window; false for a group room where the volunteer switches windows.'),
        printerName: z
          .string()
          .min(1)
          .max(200)
          .nullable()
          .default(null)
          .describe('The printer certificates and sheets go to, printed without any dialog; null: the PC\'s default printer.'),
        autoplayNarration: z
          .boolean()
          .default(true)
          .describe('Read each lesson step and question aloud as it opens (default true); false for a room where only the volunteer starts the sound.'),
      })
      .strict(),
  })
  .strict();

export type StationConfig = z.infer<typeof stationConfigSchema>;

const OFFICE_DAY = [
  { from: '07:30', to: '11:30' },
  { from: '13:30', to: '17:00' },
] as const;

/** The configuration `npm start` and `npm run web` use until a station is configured. */
export const DEMO_CONFIG: StationConfig = {
  configVersion: 1,
  station: { id: '06688-DEMO', name: 'Trạm trình diễn — Nhà văn hoá phường Hạ Long', wardCode: '06688', wardName: 'Phường Hạ Long' },
  demoMode: true,
  hub: null,
  retention: { keepAckedDays: 90 },
  backup: { everyHours: 24, keep: 7 },
  idle: { warnAfterSeconds: 120, countdownSeconds: 30 },
  openingHours: {
    utcOffsetMinutes: VIETNAM_UTC_OFFSET_MINUTES,
    week: { mon: [...OFFICE_DAY], tue: [...OFFICE_DAY], wed: [...OFFICE_DAY], thu: [...OFFICE_DAY], fri: [...OFFICE_DAY], sat: [{ from: '07:30', to: '11:30' }], sun: [] },
  },
  quietHourForRelaunch: 3,
  scanners: { vidPids: [] },
  kiosk: { fullscreen: true, printerName: null, autoplayNarration: true },
};
