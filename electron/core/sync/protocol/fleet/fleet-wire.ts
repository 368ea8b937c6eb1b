/**
 * zod schemas of the version 1.3 answers (docs/PROTOCOL.md §11), shared by the hub (to build them)
 * and the station (to read them). Objects strip unknown fields, so a newer hub's additions are
 * ignored. Signed texts travel as strings and are parsed only after their signature verifies.
 */
import { z } from 'zod';
import { b64Key32Schema } from '../wire-schemas';
import { isAppVersion } from './app-version';

const b64Signature = z.string().regex(/^[A-Za-z0-9+/]{86}==$/, 'expected b64 of a 64-byte signature');

/** Every fleet answer carries the content key and the receipt key's endorsement of it (§11.1). */
const contentKeyFields = {
  content_key: b64Key32Schema,
  content_key_endorsement: b64Signature,
};

export const lessonChannelAnswerSchema = z.object({
  ...contentKeyFields,
  /** The newest published pack version; null when none is published. */
  version: z.int().min(1).nullable(),
  up_to_date: z.boolean(),
  manifest: z.string().min(1).optional(),
  sig: b64Signature.optional(),
});
export type LessonChannelAnswer = z.infer<typeof lessonChannelAnswerSchema>;

export const signedConfigSchema = z.object({ document: z.string().min(1), sig: b64Signature });
export type SignedConfig = z.infer<typeof signedConfigSchema>;

export const configAnswerSchema = z.object({
  ...contentKeyFields,
  /** The ward's document and the station's own, when they exist. */
  documents: z.array(signedConfigSchema).max(2),
});
export type ConfigAnswer = z.infer<typeof configAnswerSchema>;

export const healthAnswerSchema = z.object({ ...contentKeyFields, stored: z.literal(true), server_time_ms: z.int() });
export type HealthAnswer = z.infer<typeof healthAnswerSchema>;

export const UPDATE_PLATFORMS = ['win32', 'linux'] as const;
export type UpdatePlatform = (typeof UPDATE_PLATFORMS)[number];

export const appReleaseSchema = z.object({
  version: z.string().refine(isAppVersion, 'expected an app version'),
  platform: z.enum(UPDATE_PLATFORMS),
  file: z.string().regex(/^[A-Za-z0-9._-]{1,200}$/),
  sha512: z.string().regex(/^[A-Za-z0-9+/]{86}==$/, 'expected b64 of a SHA-512'),
  size: z.int().min(1),
  sig: b64Signature,
});
export type AppRelease = z.infer<typeof appReleaseSchema>;

export const appUpdateAnswerSchema = z.object({
  ...contentKeyFields,
  /** The electron-updater generic feed for this station (absolute path on the hub, ending in /). */
  feed_path: z.string().regex(/^\/v1\/app-feed\/[A-Za-z0-9/_-]+\/$/),
  /** What the rollout gives this station; null: stay on the running version. */
  release: appReleaseSchema.nullable(),
});
export type AppUpdateAnswer = z.infer<typeof appUpdateAnswerSchema>;
