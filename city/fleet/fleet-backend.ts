/**
 * How the fleet CLI reaches the hub: in-process on the data folder (or DATABASE_URL), or — while a
 * hub serves that folder — through its loopback admin routes with the token of serve.json. Both
 * offer the same three things: run a command, store a blob chunk, read a blob.
 */
import type { HubContext } from '../hub-context';
import { openHubContext } from '../hub-context';
import { ADMIN_TOKEN_HEADER } from '../http/admin-route';
import { findBlob, putBlobChunk, readBlobRange } from '../store/fleet-blob-store';
import { readServeLock } from '../cli/serve-lock';
import type { ServeLock } from '../cli/serve-lock';
import { runFleetCommand } from './fleet-commands';
import type { FleetCommand, FleetCommandResult } from './fleet-commands';

export interface FleetBackend {
  command(command: FleetCommand): Promise<FleetCommandResult>;
  putChunk(sha256: string, idx: number, bytes: Uint8Array): Promise<void>;
  readBlob(sha256: string): AsyncIterable<Uint8Array>;
  close(): Promise<void>;
}

function localBackend(ctx: HubContext): FleetBackend {
  return {
    command: (command) => runFleetCommand(ctx, command),
    putChunk: (sha256, idx, bytes) => putBlobChunk(ctx.db, sha256, idx, bytes),
    async *readBlob(sha256) {
      const blob = await findBlob(ctx.db, sha256);
      if (blob === null) throw new Error(`blob ${sha256} is not stored`);
      yield* readBlobRange(ctx.db, blob, 0, blob.size - 1);
    },
    close: async () => {
      await ctx.reports.close();
      await ctx.db.close();
    },
  };
}

function remoteBackend(lock: ServeLock): FleetBackend {
  const base = `http://127.0.0.1:${lock.port}/admin/v1/fleet`;
  const headers = { [ADMIN_TOKEN_HEADER]: lock.token };
  const failed = async (response: Response) => new Error(`the serving hub answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
  return {
    async command(command) {
      const response = await fetch(`${base}/command`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(command) });
      if (!response.ok) throw await failed(response);
      return (await response.json()) as FleetCommandResult;
    },
    async putChunk(sha256, idx, bytes) {
      const response = await fetch(`${base}/blob/${sha256}/${idx}`, { method: 'PUT', headers: { ...headers, 'content-type': 'application/octet-stream' }, body: new Uint8Array(bytes) });
      if (!response.ok) throw await failed(response);
    },
    async *readBlob(sha256) {
      const response = await fetch(`${base}/blob/${sha256}`, { headers });
      if (!response.ok || response.body === null) throw await failed(response);
      for await (const chunk of response.body) yield chunk;
    },
    close: async () => undefined,
  };
}

/** The backend for a data folder: the serving hub if one serves it, else an own context. */
export async function openFleetBackend(dataDir: string, databaseUrl: string | undefined): Promise<FleetBackend> {
  const lock = await readServeLock(dataDir);
  if (lock !== null) return remoteBackend(lock);
  return localBackend(await openHubContext({ dataDir, databaseUrl }));
}
