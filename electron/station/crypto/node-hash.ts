import { createHash } from 'node:crypto';
import type { Sha256Hex } from '../../core/sync/protocol/event-hash';

/** SHA-256 of the UTF-8 bytes of `text`, in lowercase hex, by node:crypto. */
export const sha256Hex: Sha256Hex = (text) => createHash('sha256').update(text, 'utf8').digest('hex');
