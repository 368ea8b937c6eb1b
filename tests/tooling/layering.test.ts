import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/web-host-fixture';

const eslint = new ESLint({ cwd: REPO_ROOT });

async function messagesFor(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${REPO_ROOT}/${filePath}` });
  return (result?.messages ?? []).map((message) => `${message.ruleId}: ${message.message}`);
}

describe('layering (docs/ARCHITECTURE.md §3) is enforced by lint', () => {
  it.each([
    ['electron/core/identity/x.ts', "import { app } from 'electron';\nexport const a = app;\n", "'electron'"],
    ['electron/core/log/x.ts', "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n", 'no Node APIs'],
    ['electron/core/log/x.ts', 'export const now = () => Date.now();\n', 'Inject a clock'],
    ['electron/core/log/x.ts', "import { openStation } from '../../station/station';\nexport const o = openStation;\n", 'imports only electron/core'],
    ['electron/station/x.ts', "import { BrowserWindow } from 'electron';\nexport const b = BrowserWindow;\n", "'electron'"],
    ['renderer/x.ts', "import Database from 'better-sqlite3';\nexport const d = Database;\n", 'native modules'],
    ['renderer/x.ts', "import { openStation } from '../electron/station/station';\nexport const o = openStation;\n", 'kiosk-api.ts'],
    ['city/x.ts', "import { openStation } from '../electron/station/station';\nexport const o = openStation;\n", 'hub imports'],
    ['electron/web-host/x.ts', "import { app } from 'electron';\nexport const a = app;\n", "'electron'"],
    // #21: rules that held only by convention.
    ['electron/preload/x.ts', "import { openStation } from '../station/station';\nexport const o = openStation;\n", 'only electron and the contract'],
    ['electron/preload/x.ts', "import { tickHlc } from '../core/log/hlc';\nexport const t = tickHlc;\n", 'only electron and the contract'],
    ['electron/preload/x.ts', "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n", 'only electron and the contract'],
    ['electron/contract/x.ts', "import { tickHlc } from '../core/log/hlc';\nexport const t = tickHlc;\n", 'only types from electron/core'],
    ['city/x.ts', "import { tickHlc } from '../electron/core/log/hlc';\nexport const t = tickHlc;\n", 'only electron/core/sync/protocol'],
    ['city/ingest/x.ts', "import { AGE_BANDS } from '../../electron/core/reports/age-bands';\nexport const a = AGE_BANDS;\n", 'only electron/core/sync/protocol'],
    ['tools/x.ts', "import { runBench } from '../tests/bench/run-bench';\nexport const r = runBench;\n", 'tools/ reaches the station and the hub only'],
    ['tools/x.ts', "import { App } from '../renderer/app';\nexport const a = App;\n", 'tools/ reaches the station and the hub only'],
  ])('reports a forbidden import in %s', async (file, code, expected) => {
    const messages = await messagesFor(file, code);
    expect(messages.join('\n')).toContain(expected);
  });

  it.each([
    ['electron/station/x.ts', "import { tickHlc } from '../core/log/hlc';\nexport const t = tickHlc;\n"],
    ['electron/contract/x.ts', "import type { Bilingual } from '../core/bilingual';\nexport type B = Bilingual;\n"],
    ['electron/preload/x.ts', "import { commandNames } from '../contract/commands';\nexport const c = commandNames;\n"],
    ['city/ingest/x.ts', "import { MAX_BATCH_EVENTS } from '../../electron/core/sync/protocol/limits';\nexport const m = MAX_BATCH_EVENTS;\n"],
    ['tools/x.ts', "import { runCityCli } from '../city/cli/city-cli';\nexport const r = runCityCli;\n"],
  ])('accepts the allowed direction in %s', async (file, code) => {
    expect(await messagesFor(file, code)).toEqual([]);
  });
});
