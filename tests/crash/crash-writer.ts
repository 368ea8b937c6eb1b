/**
 * Child process of the crash test: opens the station log the way the kiosk does (so the unclean
 * shutdown path runs on every start), then appends one user action per transaction forever, printing
 * each committed seq. The parent kills it with SIGKILL at a random instant.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { sha256Hex } from '../../electron/station/crypto/node-hash';
import { openStationLog } from '../../electron/station/db/station-log';

const dir = process.argv[2];
if (!dir) throw new Error('usage: crash-writer DIR');
const { log } = openStationLog({
  dbPath: join(dir, 'station.sqlite'),
  instanceMarkerPath: join(dir, 'instance.json'),
  stationId: '06688-CRASH',
  bootId: randomUUID(),
  clock: { wallMs: () => Date.now(), monoMs: () => performance.now() },
  sha256Hex,
});
const learnerKey = 'c'.repeat(64);
process.stdout.write('ready\n');
for (let i = 0; ; i++) {
  const visitId = randomUUID();
  // Alternate single-event and multi-event actions so kills land inside both kinds of transaction.
  const events =
    i % 3 === 0
      ? [
          { kind: 'attendance.checkin' as const, payload: { learner_key: learnerKey, visit_id: visitId, method: 'card' as const } },
          { kind: 'lesson.started' as const, payload: { learner_key: learnerKey, visit_id: visitId, lesson_id: 'mat-khau-otp', lesson_version: 1 } },
        ]
      : [{ kind: 'attendance.checkout' as const, payload: { learner_key: learnerKey, visit_id: visitId, reason: 'user' as const } }];
  const { rows } = log.append(events);
  // Printed only after commit: every number printed must survive the kill.
  process.stdout.write(`${rows.map((row) => `${row.seq}`).join('\n')}\n`);
}
