/**
 * The `tram` command: one router for the station's, the technician's and the city's sub-commands.
 * It lives outside electron/ and city/ because it is the one place allowed to reach both.
 * Each sub-command module is loaded lazily so `tram --help` stays fast on old PCs.
 */
type SubCommand = {
  readonly summary: string;
  readonly run: (args: string[]) => Promise<number>;
};

const commands: Record<string, SubCommand> = {
  web: {
    summary: 'serve the kiosk to a browser on 127.0.0.1 (options: --port P, --data DIR, --host H --allow-remote)',
    run: async (args) => (await import('../electron/web-host/web-cli')).runWebCli(args),
  },
  db: {
    summary: 'attendance log: db verify|backup|seed (--db FILE | --data DIR) [--to DIR] [--events N]',
    run: async (args) => (await import('../electron/station/cli/db-cli')).runDbCli(args),
  },
  'id parse': {
    summary: 'parse raw ID-card QR bytes from stdin; prints one JSON object (exit 2 on a bad card)',
    run: async (args) => (await import('../electron/station/cli/id-cli')).runIdCli(['parse', ...args]),
  },
  'hid decode': {
    summary: 'decode hex HID reports (one per line) from stdin: --mode pos|keyboard',
    run: async (args) => (await import('../electron/station/cli/hid-cli')).runHidCli(['decode', ...args]),
  },
  config: {
    summary: 'station config: tram config check FILE (exit 2 on any problem) | tram config schema',
    run: async (args) => (await import('../electron/station/cli/config-cli')).runConfigCli(args),
  },
  'lessons check': {
    summary: 'check lesson packs and list facts to review: tram lessons check [DIR] [--facts] [--today D] [--strict]; exit 2 on any problem',
    run: async (args) => (await import('../electron/station/cli/lessons-cli')).runLessonsCli(['check', ...args]),
  },
  'lessons voice': {
    summary: 'render lesson narration to Ogg Opus with the bundled eSpeak NG voice: tram lessons voice [DIR] [--force]; only missing or stale audio',
    run: async (args) => (await import('../electron/station/cli/lessons-cli')).runLessonsCli(['voice', ...args]),
  },
  report: {
    summary: 'station report: tram report --data DIR [--period today|week|month] [--json] [--export DIR]',
    run: async (args) => (await import('../electron/station/cli/report-cli')).runReportCli(args),
  },
  enrol: {
    summary: 'enrol a station: tram enrol --data DIR --hub URL --station ID --code CODE',
    run: async (args) => (await import('../electron/station/cli/sync-cli')).runEnrolCli(args),
  },
  sync: {
    summary: 'upload the log: tram sync --data DIR --once (exit 2 on 401/403/fork/epoch)',
    run: async (args) => (await import('../electron/station/cli/sync-cli')).runSyncCli(args),
  },
  export: {
    summary: 'sneakernet bundle of unacknowledged events: tram export --data DIR --to DIR',
    run: async (args) => (await import('../electron/station/cli/sync-cli')).runExportCli(args),
  },
  volunteer: {
    summary: 'volunteer PIN and cards: tram volunteer set-pin|cards|revoke-card --data DIR',
    run: async (args) => (await import('../electron/station/cli/volunteer-cli')).runVolunteerCli(args),
  },
  city: {
    summary: 'city hub: city serve|issue-code|add-staff|revoke|import|publish-lessons|export-lessons|sign-config|publish-app|rollout|fleet-status … --data DIR',
    run: async (args) => (await import('../city/cli/city-cli')).runCityCli(args, undefined, (await import('./fleet-hooks')).fleetHooks),
  },
};

function usage(): string {
  const lines = Object.entries(commands).map(([name, command]) => `  tram ${name.padEnd(14)} ${command.summary}`);
  return ['Trạm Học Số — công cụ kỹ thuật / technician tools', '', 'Usage:', ...lines, ''].join('\n');
}

/** Runs one sub-command and returns the process exit status (2 for usage errors). */
export async function runTram(argv: string[]): Promise<number> {
  const [first, second, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    process.stdout.write(usage());
    return first === undefined ? 2 : 0;
  }
  const twoWord = second === undefined ? undefined : commands[`${first} ${second}`];
  if (twoWord) return twoWord.run(rest);
  const oneWord = commands[first];
  if (oneWord) return oneWord.run(second === undefined ? rest : [second, ...rest]);
  process.stderr.write(`tram: unknown command '${argv.join(' ')}'\n\n${usage()}`);
  return 2;
}

/** Registers extra sub-commands (used by tests to check routing). */
export function listCommands(): string[] {
  return Object.keys(commands);
}
