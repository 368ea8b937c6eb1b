/**
 * `<data>/serve.json` tells other `tram city` commands that a hub is serving this data folder, on
 * which loopback port, with which admin token. PGlite must not be opened by two processes, so while
 * it exists (and its process lives) commands go through the hub's admin route instead.
 *
 * The file is written to a random temporary name, flushed and renamed, so a crash never leaves half
 * of it; a damaged file anyway (a disk fault, a hand edit) is a ServeLockDamagedError with what to do,
 * never a SyntaxError that stops every `tram city` command.
 */
import { randomBytes } from 'node:crypto';
import { open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { AdminCommand, AdminResult } from '../admin/admin-commands';
import { ADMIN_TOKEN_HEADER } from '../http/admin-route';

export const SERVE_LOCK_FILE = 'serve.json';

const lockSchema = z.object({ pid: z.int(), port: z.int(), token: z.string().min(16) });
export type ServeLock = z.infer<typeof lockSchema>;

export function newAdminToken(): string {
  return randomBytes(32).toString('base64url');
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class ServeLockDamagedError extends Error {
  readonly code = 'serve_lock_damaged';

  constructor(path: string, reason: string) {
    super(`${path} cannot be read (${reason}). If no "tram city serve" is running for this data folder, delete the file and try again.`);
    this.name = 'ServeLockDamagedError';
  }
}

/** The lock of a live serving process, or null (none, or a stale one). Throws ServeLockDamagedError. */
export async function readServeLock(dataDir: string): Promise<ServeLock | null> {
  const path = join(dataDir, SERVE_LOCK_FILE);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new ServeLockDamagedError(path, (error as Error).message);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new ServeLockDamagedError(path, 'not JSON');
  }
  const parsed = lockSchema.safeParse(raw);
  if (!parsed.success) throw new ServeLockDamagedError(path, `not a lock: ${parsed.error.issues[0]?.path.join('.') || 'file'}`);
  return isAlive(parsed.data.pid) ? parsed.data : null;
}

/** Writes the lock atomically (temporary file, flush, rename), readable by the owner only. */
export async function writeServeLock(dataDir: string, lock: ServeLock): Promise<void> {
  const path = join(dataDir, SERVE_LOCK_FILE);
  const temp = join(dataDir, `.${SERVE_LOCK_FILE}.${randomBytes(8).toString('hex')}.tmp`);
  const file = await open(temp, 'wx', 0o600);
  try {
    await file.writeFile(`${JSON.stringify(lock)}\n`);
    await file.sync();
  } finally {
    await file.close();
  }
  await rename(temp, path);
}

export async function removeServeLock(dataDir: string): Promise<void> {
  await rm(join(dataDir, SERVE_LOCK_FILE), { force: true });
}

/** Runs an admin command in the serving hub. */
export async function runRemoteCommand(lock: ServeLock, command: AdminCommand): Promise<AdminResult> {
  const response = await fetch(`http://127.0.0.1:${lock.port}/admin/v1/command`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [ADMIN_TOKEN_HEADER]: lock.token },
    body: JSON.stringify(command),
  });
  const body = (await response.json()) as AdminResult | { error: string; detail?: string };
  if (!response.ok || !('exit_code' in body)) {
    return { exit_code: 1, stdout: [], stderr: [`serving hub refused the command: ${JSON.stringify(body)}`] };
  }
  return body;
}
