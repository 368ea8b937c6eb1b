// `tram city …` in a child process, for tests that need real signals: node --import tsx cli-child.ts <args>.
import { runCityCli } from '../../../city/cli/city-cli';

process.exitCode = await runCityCli(process.argv.slice(2));
