import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';

// electron-builder itself cannot run here (its tools download from GitHub): check its config
// against electron-builder's own JSON Schema and the decisions of docs/ARCHITECTURE.md §1.
const root = join(import.meta.dirname, '../..');
const schemaFile = join(root, 'node_modules/app-builder-lib/scheme.json');
const config = JSON.parse(readFileSync(join(root, 'build/electron-builder.json'), 'utf8')) as Record<string, unknown> & {
  electronFuses: Record<string, boolean>;
  extraResources: Array<{ from: string; to: string }>;
  win: { target: Array<{ target: string; arch: string[] }>; extraResources: Array<{ from: string }> };
  linux: { target: Array<{ target: string; arch: string[] }>; extraResources: Array<{ from: string }> };
  nsis: { artifactName: string };
  portable: { artifactName: string };
};

describe('build/electron-builder.json', () => {
  // strict: false — the builder's schema uses a non-standard `typeof` keyword that Ajv's strict mode rejects.
  const validate = new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(readFileSync(schemaFile, 'utf8')) as object);

  it('is valid against app-builder-lib/scheme.json', () => {
    expect(validate(config), JSON.stringify(validate.errors, null, 2)).toBe(true);
  });

  it('the schema check is real: a misspelled option fails', () => {
    expect(validate({ ...config, npmRebuilt: false })).toBe(false);
    expect(validate({ ...config, electronFuses: { ...config.electronFuses, runAsNodee: false } })).toBe(false);
  });

  it('builds Windows NSIS x64 + portable and Linux AppImage + deb, with distinct artifact names', () => {
    expect(config.win.target).toEqual([
      { target: 'nsis', arch: ['x64'] },
      { target: 'portable', arch: ['x64'] },
    ]);
    expect(config.linux.target.map((target) => target.target)).toEqual(['AppImage', 'deb']);
    expect(config.nsis.artifactName).not.toBe(config.portable.artifactName);
  });

  it('never rebuilds native modules and unpacks them from the ASAR', () => {
    expect(config).toMatchObject({ npmRebuild: false, nodeGypRebuild: false, buildDependenciesFromSource: false, asarUnpack: ['**/*.node'] });
    expect(config.files).toEqual(expect.arrayContaining(['dist/**', 'package.json']));
  });

  it('flips the security fuses', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('ships lessons/ as resources (main.ts reads resources/lessons) and every resource folder exists', () => {
    expect(config.extraResources).toContainEqual(expect.objectContaining({ from: 'lessons', to: 'lessons' }));
    for (const { from } of [...config.extraResources, ...config.win.extraResources, ...config.linux.extraResources]) {
      expect(existsSync(join(root, from)), from).toBe(true);
    }
  });

  // Security review: everything in `dependencies` is packed into the kiosk's app.asar. The hub
  // (fastify, pg, PGlite), the tooling (tsx, esbuild) and what esbuild bundles into main.cjs anyway
  // only widen what an attacker on the kiosk PC finds there.
  it('packs only the native modules main.cjs loads at run time; everything else is a build-time dependency', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
    const build = readFileSync(join(root, 'bin/build.mjs'), 'utf8');
    const external = /outfile: join\(root, 'dist\/main\/main\.cjs'\), external: \[([^\]]*)\]/.exec(build)?.[1] ?? '';
    const runtimeModules = external.split(',').map((item) => item.trim().replace(/'/g, '')).filter((name) => name !== 'electron' && name !== 'serialport');
    expect(Object.keys(pkg.dependencies).sort()).toEqual(runtimeModules.sort());
    for (const hubOrTool of ['fastify', 'pg', '@electric-sql/pglite', 'pg-copy-streams', 'tsx', 'esbuild', 'vite']) {
      expect(pkg.dependencies, hubOrTool).not.toHaveProperty(hubOrTool);
      expect(pkg.devDependencies, hubOrTool).toHaveProperty(hubOrTool);
    }
    expect(config.files).toEqual(['dist/**', 'package.json', '!dist/**/*.map']);
  });
});
