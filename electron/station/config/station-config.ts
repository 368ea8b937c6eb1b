/**
 * The station configuration file: what a technician sets per station. Validated with zod at load; an
 * invalid file never starts the kiosk blank, it shows the maintenance screen naming the field.
 * Secrets (volunteer PIN hash, keys) never live here: they are in the key store.
 */
import { z } from 'zod';

export const STATION_ID_PATTERN = /^[A-Z0-9][A-Z0-9-]{2,39}$/;

export const stationConfigSchema = z
  .object({
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
  })
  .strict();

export type StationConfig = z.infer<typeof stationConfigSchema>;

/** The configuration `npm start` and `npm run web` use until a station is configured. */
export const DEMO_CONFIG: StationConfig = {
  configVersion: 1,
  station: { id: '06688-DEMO', name: 'Trạm trình diễn — Nhà văn hoá phường Hạ Long', wardCode: '06688', wardName: 'Phường Hạ Long' },
  demoMode: true,
  hub: null,
  retention: { keepAckedDays: 90 },
  backup: { everyHours: 24, keep: 7 },
};
