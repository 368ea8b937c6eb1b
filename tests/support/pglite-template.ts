/**
 * A freshly initialised PGlite data folder, copied instead of made: PGlite's initdb takes about 5 s
 * on this machine, a copy of its result 0.2 s, and some 50 test files open a hub. The copy is of
 * initdb's output only (no migration has run), so every test still migrates its database the way
 * a new hub does; tests/city/cli.test.ts and the template itself still exercise a real first open.
 *
 * The template lives in the temporary folder under the PGlite version, and is built once by
 * whichever test process needs it first: built beside, then renamed into place, so two processes
 * racing each keep a whole folder and one of them wins.
 */
import { existsSync, readFileSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openPglite } from '../../city/db/pglite-driver';

// The package's exports hide its package.json from require: read it from node_modules.
const pgliteVersion = (): string => {
  const manifest = fileURLToPath(new URL('../../node_modules/@electric-sql/pglite/package.json', import.meta.url));
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
};

let built: Promise<string> | null = null;

async function buildTemplate(): Promise<string> {
  const template = join(tmpdir(), `tram-pglite-initdb-${pgliteVersion()}`);
  if (existsSync(join(template, 'PG_VERSION'))) return template;
  const building = await mkdtemp(`${template}-building-`);
  const pg = await openPglite(building);
  await pg.close();
  try {
    await rename(building, template);
  } catch (error) {
    // Another test process renamed its copy first: use that one, drop ours.
    await rm(building, { recursive: true, force: true });
    if (!existsSync(join(template, 'PG_VERSION'))) throw error;
  }
  return template;
}

/** Fills `pgdata` (which must not exist yet) with an initialised, empty PGlite data folder. */
export async function seedPgliteFolder(pgdata: string): Promise<void> {
  built ??= buildTemplate();
  const template = await built;
  await mkdir(dirname(pgdata), { recursive: true });
  await cp(template, pgdata, { recursive: true, errorOnExist: true, force: false });
}
