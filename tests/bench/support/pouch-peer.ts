/**
 * The peer a developer would otherwise pick: a station-side PouchDB replicating to an express-pouchdb
 * server (CouchDB replication protocol over HTTP on 127.0.0.1). Both sides use the pure-JS in-memory
 * adapter (pouchdb-adapter-memory), so no native build is needed and the comparison is, if anything,
 * kind to PouchDB (no disk on either side, while the hub writes a real database).
 *
 * The packages are CommonJS without bundled types and are devDependencies only for this bench, so
 * they are loaded with createRequire and described by the few members used here.
 */
import { createRequire } from 'node:module';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ChainedEvent } from '../../../electron/core/sync/protocol/event-hash';

export const POUCH_PACKAGES = ['pouchdb', 'pouchdb-adapter-memory', 'express-pouchdb', 'express'] as const;

interface ReplicationResult {
  readonly ok: boolean;
  readonly docs_read: number;
  readonly docs_written: number;
  readonly doc_write_failures: number;
}

interface PouchInstance {
  bulkDocs(docs: readonly Record<string, unknown>[]): Promise<Array<{ ok?: boolean; error?: string }>>;
  info(): Promise<{ doc_count: number }>;
  destroy(): Promise<unknown>;
  replicate: { to(target: PouchInstance, options?: Record<string, unknown>): Promise<ReplicationResult> };
}

interface PouchConstructor {
  new (name: string, options?: Record<string, unknown>): PouchInstance;
  plugin(plugin: unknown): PouchConstructor;
  defaults(options: Record<string, unknown>): PouchConstructor;
}

type Middleware = (request: unknown, response: unknown, next: () => void) => void;
interface ExpressApp {
  use(path: string | Middleware, handler?: unknown): void;
  listen(port: number, host: string, callback: () => void): Server;
}

interface PouchModules {
  /** Picks its adapter by name: an http(s) URL is a remote database. */
  readonly PouchDB: PouchConstructor;
  /** Every database in memory: the server's, and the station's local one. */
  readonly MemoryPouchDB: PouchConstructor;
  readonly express: () => ExpressApp;
  readonly expressPouchDb: (pouch: PouchConstructor, options: Record<string, unknown>) => unknown;
}

/** Loads the packages, or returns why not (they are not installed). */
export function loadPouchModules(): PouchModules | { missing: string } {
  const require = createRequire(import.meta.url);
  try {
    const PouchDB = (require('pouchdb') as PouchConstructor).plugin(require('pouchdb-adapter-memory'));
    return {
      PouchDB,
      // Not used for the remote: `defaults({ adapter })` would also turn an http URL into a local
      // in-memory database of that name, and the "replication" would never touch the network.
      MemoryPouchDB: PouchDB.defaults({ adapter: 'memory' }),
      express: require('express') as () => ExpressApp,
      expressPouchDb: require('express-pouchdb') as PouchModules['expressPouchDb'],
    };
  } catch (error) {
    return { missing: (error as Error).message.split('\n')[0] ?? 'cannot load' };
  }
}

export interface PouchRun {
  readonly ms: number;
  readonly requests: number;
  readonly docsWritten: number;
  /** doc_count the server reports over HTTP after the replication. */
  readonly serverDocs: number;
}

export interface PouchPeer {
  /** Replicates the seeded station database to the server; the timed part. */
  replicate(options?: Record<string, unknown>): Promise<PouchRun>;
  close(): Promise<void>;
}

const SEED_CHUNK = 1_000;

/**
 * Starts the server and seeds the station-side database with the events, one document each, keyed by
 * epoch and zero-padded seq so the document order is the log order. Seeding is not timed.
 */
export async function startPouchPeer(modules: PouchModules, events: readonly ChainedEvent[], epoch: number): Promise<PouchPeer> {
  const { PouchDB, MemoryPouchDB } = modules;
  const app = modules.express();
  let requests = 0;
  app.use((_request, _response, next) => {
    requests += 1;
    next();
  });
  // minimumForPouchDB: only the routes replication needs; inMemoryConfig: no config.json in the cwd.
  app.use('/', modules.expressPouchDb(MemoryPouchDB, { mode: 'minimumForPouchDB', inMemoryConfig: true }));
  const server = await new Promise<Server>((resolve) => {
    const listening: Server = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const local = new MemoryPouchDB(`station-${Date.now()}`);
  for (let i = 0; i < events.length; i += SEED_CHUNK) {
    const docs = events.slice(i, i + SEED_CHUNK).map((event) => ({ _id: `${epoch}:${String(event.seq).padStart(9, '0')}`, ...event }));
    const answers = await local.bulkDocs(docs);
    if (answers.some((answer) => answer.error !== undefined)) throw new Error('PouchDB seeding failed');
  }
  let runs = 0;

  return {
    async replicate(options = {}) {
      runs += 1;
      const target = `${base}/hub-${runs}`;
      requests = 0;
      const start = performance.now();
      const result = await local.replicate.to(new PouchDB(target), options);
      const ms = performance.now() - start;
      const counted = requests;
      const info = (await (await fetch(target)).json()) as { doc_count?: number };
      // Dropped at once, so one run's server copy does not weigh on the next run's memory and GC.
      await fetch(target, { method: 'DELETE' });
      if (!result.ok || result.doc_write_failures > 0) throw new Error(`PouchDB replication failed: ${JSON.stringify(result)}`);
      return { ms, requests: counted, docsWritten: result.docs_written, serverDocs: info.doc_count ?? -1 };
    },
    async close() {
      await local.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
