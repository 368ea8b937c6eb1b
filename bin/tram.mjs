#!/usr/bin/env node
// Entry point of the `tram` command. The sources are TypeScript; tsx compiles them on the fly so that
// `npx tram --help` works right after `npm ci`, with no build step.
import { register } from 'tsx/esm/api';

register();
const { runTram } = await import('../tools/tram.ts');
process.exitCode = await runTram(process.argv.slice(2));
