/**
 * `npm run bench -- <name>`: runs one benchmark. Each prints progress lines and, as its last line,
 * one JSON object with its figures.
 */
const benches: Record<string, (args: string[]) => Promise<Record<string, unknown>>> = {
  store: async () => (await import('./store-bench')).runStoreBench(),
  scan: async () => (await import('./scan-bench')).runScanBench(),
  'scan-path': async () => (await import('./scan-path-bench')).runScanPathBench(),
  'learner-key': async () => (await import('./learner-key-bench')).runLearnerKeyBench(),
  ui: async () => (await import('./ui-bench')).runUiBench(),
  group: async () => (await import('./group-bench')).runGroupBench(),
  soak: async () => (await import('./soak-bench')).runSoakBench(),
  sync: async () => (await import('./sync-bench')).runSyncBench(),
  'sync-2g': async () => (await import('./sync-2g-bench')).runSync2gBench(),
  channel: async () => (await import('./channel-bench')).runChannelBench(),
  'hub-scale': async (args) => (await import('./hub-scale-bench')).runHubScaleBench(args),
};

export async function runBench(args: string[]): Promise<number> {
  const [name] = args;
  const bench = name ? benches[name] : undefined;
  if (!bench) {
    process.stderr.write(`usage: npm run bench -- <${Object.keys(benches).join('|')}>\n`);
    return 2;
  }
  const result = await bench(args.slice(1));
  process.stdout.write(`${JSON.stringify(result)}\n`);
  return 0;
}

// `npm run bench -- <name>` runs this file directly (tsx): the benchmarks live with the tests and are
// not part of the `tram` command line, which must not reach into tests/.
if (import.meta.url === `file://${process.argv[1]}`) {
  runBench(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
      process.exit(1);
    },
  );
}
