/**
 * `<data>/serve.json` tells other `tram city` commands that a hub is serving this data folder, on
 * which loopback port, with which admin token. PGlite must not be opened by two processes, so while
 * it exists (and its process lives) commands go through the hub's admin route instead.
 */
import { randomBytes } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
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

/** The lock of a live serving process, or null (a stale lock is ignored). */
export async function readServeLock(dataDir: string): Promise<ServeLock | null> {
  let text: string;
  try {
    text = await readFile(join(dataDir, SERVE_LOCK_FILE), 'utf8');
  } catch {
    return null;
  }
  const parsed = lockSchema.safeParse(JSON.parse(text) as unknown);
  return parsed.success && isAlive(parsed.data.pid) ? parsed.data : null;
}

export async function writeServeLock(dataDir: string, lock: ServeLock): Promise<void> {
  await writeFile(join(dataDir, SERVE_LOCK_FILE), `${JSON.stringify(lock)}\n`, { mode: 0o600 });
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
