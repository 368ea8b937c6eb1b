/**
 * Learner key bench (issue #20 item 2): what one learner key version 2 costs the kiosk (wall time of
 * a derivation, as a scan waits for it) and what it costs a guesser (CPU time of both lanes), and the
 * reversal cost that follows from the ID number's structure. With birth year and gender known (they
 * are in `learner.registered`), a 12-digit citizen ID leaves the 3-digit birth-province code (63 in
 * use) and 6 free digits: 6.3 × 10^7 candidates, or 10^6 for an attacker who guesses the province.
 * Scan → welcome in the kiosk, with the derivation on the way, is `npm run bench -- scan`.
 */
import { randomBytes } from 'node:crypto';
import { LEARNER_KEY_V2, upgradeLearnerKey } from '../../electron/station/learners/learner-keys';
import { percentile } from './support/stats';

const RUNS = 20;
const PROVINCE_CODES = 63;
const FREE_DIGITS = 1e6;
const CPU_YEAR_S = 365.25 * 24 * 3600;

export async function runLearnerKeyBench(): Promise<Record<string, number>> {
  await upgradeLearnerKey(randomBytes(32).toString('hex')); // warm the thread pool
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const legacy = randomBytes(32).toString('hex');
    const cpuBefore = process.cpuUsage();
    const start = performance.now();
    await upgradeLearnerKey(legacy);
    wall.push(performance.now() - start);
    const used = process.cpuUsage(cpuBefore);
    cpu.push((used.user + used.system) / 1000);
  }
  wall.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  const cpuS = percentile(cpu, 50) / 1000;
  const full = PROVINCE_CODES * FREE_DIGITS * cpuS;
  const known = FREE_DIGITS * cpuS;
  process.stdout.write(`learner key v2: scrypt N=${LEARNER_KEY_V2.N} r=${LEARNER_KEY_V2.r} × ${LEARNER_KEY_V2.lanes} lanes, ${(128 * LEARNER_KEY_V2.N * LEARNER_KEY_V2.r * LEARNER_KEY_V2.lanes) / 2 ** 20} MiB at once\n`);
  return {
    runs: RUNS,
    derive_p50_ms: Number(percentile(wall, 50).toFixed(1)),
    derive_p95_ms: Number(percentile(wall, 95).toFixed(1)),
    cpu_ms_per_guess: Number(percentile(cpu, 50).toFixed(1)),
    memory_mib: (128 * LEARNER_KEY_V2.N * LEARNER_KEY_V2.r * LEARNER_KEY_V2.lanes) / 2 ** 20,
    reversal_cpu_years_full_search: Number((full / CPU_YEAR_S).toFixed(2)),
    reversal_cpu_years_expected: Number((full / 2 / CPU_YEAR_S).toFixed(2)),
    reversal_cpu_days_province_known: Number((known / 86400).toFixed(1)),
  };
}
