/**
 * The station health report (docs/PROTOCOL.md §11.5): what the hub needs to tell a working station
 * from one whose scanner is unplugged or whose disk is full. Every field is a number, a version, a
 * boolean or a code from a fixed vocabulary: no names, learner keys, ID numbers, paths or free text
 * typed by anyone, so no personal data can ride along. Unknown fields are dropped (never stored).
 */
import { z } from 'zod';
import { isAppVersion } from './app-version';

export const HEALTH_FORMAT = 'tram-hoc-so/health/v1';
export const MAX_HEALTH_BYTES = 16 * 1024;

/** A machine code (error and state names): lowercase, digits, `_ . -`, at most 64 characters. */
const code = z.string().regex(/^[a-z][a-z0-9_.-]{0,63}$/, 'expected a code like disk_full');
const count = z.int().min(0).max(Number.MAX_SAFE_INTEGER);

export const RECOVERY_KINDS = ['unclean_shutdown', 'renderer-gone', 'unresponsive', 'gpu-gone', 'update_failed', 'pack_rolled_back', 'config_refused'] as const;
export const UPDATE_STATES = ['idle', 'checking', 'downloading', 'downloaded', 'installing', 'failed', 'blocked'] as const;

export const healthReportSchema = z.object({
  format: z.literal(HEALTH_FORMAT),
  sent_ms: z.int(),
  app_version: z.string().refine(isAppVersion, 'expected an app version like 1.2.3'),
  /** Which installers fit this station (process.platform, other values as 'other'). */
  platform: z.enum(['win32', 'linux', 'other']),
  /** The lesson pack version running; null = the packs bundled with the app. */
  pack_version: z.int().min(1).nullable(),
  /** A downloaded, verified version waiting for a moment when no learner is in a lesson. */
  pack_pending: z.int().min(1).nullable(),
  /**
   * The signed config layers in effect; `pending_restart` names the settings of them that wait for the
   * next start (the live ones run at once: electron/station/fleet/live-config.ts). Optional: 1.3 stations before it omit it.
   */
  config: z.object({ ward_version: z.int().min(1).nullable(), station_version: z.int().min(1).nullable(), pending_restart: z.array(z.string().regex(/^[a-zA-Z]+(\.[a-zA-Z]+)*$/).max(64)).max(32).optional() }),
  disk_free_bytes: count.nullable(),
  disk_total_bytes: count.nullable(),
  db_bytes: count,
  unacked_events: count,
  scanners: z.object({ hid_pos: count, demo: count }),
  last_recovery: z.object({ kind: z.enum(RECOVERY_KINDS), action: code.nullable(), at_ms: z.int() }).nullable(),
  uptime_s: count,
  clock_offset_ms: z.int().nullable(),
  open_now: z.boolean().nullable(),
  update: z.object({ state: z.enum(UPDATE_STATES), version: z.string().refine(isAppVersion, 'expected an app version').nullable(), error: code.nullable(), at_ms: z.int().nullable() }),
  channel: z.object({ error: code.nullable(), at_ms: z.int().nullable() }),
});

export type HealthReport = z.infer<typeof healthReportSchema>;

/** Validates a parsed health body; on failure the first problem as `"<field>: <reason>"`. */
export function parseHealthReport(value: unknown): { ok: true; value: HealthReport } | { ok: false; detail: string } {
  const parsed = healthReportSchema.safeParse(value);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  const field = issue === undefined || issue.path.length === 0 ? 'body' : issue.path.map(String).join('.');
  const missing = issue?.code === 'invalid_type' && /received undefined$/.test(issue.message);
  return { ok: false, detail: `${field}: ${missing ? 'required' : (issue?.message ?? 'invalid')}` };
}
