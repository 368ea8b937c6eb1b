import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertLearner, learnerTrackRow, saveLearnerTrack } from '../../../electron/station/store/learners';
import { LEARNER_A, LEARNER_B, openTestLog, tempDir } from '../../support/station-db';

describe('store/learners: the track a learner chose (migration 0007)', () => {
  let temp: ReturnType<typeof tempDir>;
  let db: Database;
  beforeEach(() => {
    temp = tempDir();
    db = openTestLog(`${temp.dir}/s.sqlite`).db;
    insertLearner(db, { learnerKey: LEARNER_A, displayName: 'An', birthYear: 2010, gender: null, wardCode: '06688', consentVersion: 'v1', wallMs: 1 });
  });
  afterEach(() => {
    db.close();
    temp.cleanup();
  });

  it('has no track until the learner chooses one, and gives the birth year to infer it from', () => {
    expect(learnerTrackRow(db, LEARNER_A)).toEqual({ track: null, birthYear: 2010 });
    expect(saveLearnerTrack(db, LEARNER_A, 'worker')).toBe(true);
    expect(learnerTrackRow(db, LEARNER_A)).toEqual({ track: 'worker', birthYear: 2010 });
  });

  it('keeps nothing for a learner with no row (erased meanwhile) and refuses a track that does not exist', () => {
    expect(saveLearnerTrack(db, LEARNER_B, 'pupil')).toBe(false);
    expect(learnerTrackRow(db, LEARNER_B)).toEqual({ track: null, birthYear: null });
    expect(() => db.prepare('UPDATE learners SET track = ? WHERE learner_key = ?').run('farmer', LEARNER_A)).toThrow(/CHECK/);
  });
});
