import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { latestPassHash } from '../../../electron/station/store/certificate-anchor';
import { LEARNER_A, LEARNER_B, openTestLog, tempDir } from '../../support/station-db';

describe('store/certificate-anchor', () => {
  let temp: ReturnType<typeof tempDir>;
  let ctx: ReturnType<typeof openTestLog>;
  const completed = (learnerKey: string, passed: boolean) => ({
    kind: 'lesson.completed' as const,
    payload: { learner_key: learnerKey, visit_id: '00000000-0000-4000-8000-000000000001', lesson_id: 'bai', lesson_version: 1, score: 3, passed, assisted: false },
  });
  const hashOfLast = () => (ctx.db.prepare('SELECT hash FROM events ORDER BY seq DESC LIMIT 1').get() as { hash: string }).hash;
  beforeEach(() => {
    temp = tempDir();
    ctx = openTestLog(`${temp.dir}/s.sqlite`);
  });
  afterEach(() => {
    ctx.db.close();
    temp.cleanup();
  });

  it('is the learner’s latest passing lesson.completed, not a failed one nor someone else’s', () => {
    expect(latestPassHash(ctx.db, LEARNER_A)).toBeNull();
    ctx.log.append([completed(LEARNER_A, true)]);
    const first = hashOfLast();
    ctx.log.append([completed(LEARNER_A, false)]);
    ctx.log.append([completed(LEARNER_B, true)]);
    expect(latestPassHash(ctx.db, LEARNER_A)).toBe(first);
    ctx.log.append([completed(LEARNER_A, true)]);
    expect(latestPassHash(ctx.db, LEARNER_A)).toBe(hashOfLast());
  });
});
