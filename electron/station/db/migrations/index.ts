import { migration0001Meta } from './0001-meta';
import { migration0002Events } from './0002-events';
import { migration0003LearnersVisits } from './0003-learners-visits';
import { migration0004LessonProgress } from './0004-lesson-progress';
import { migration0005LearnerCard } from './0005-learner-card';
import { migration0006LearnerKeyV2 } from './0006-learner-key-v2';
import { migration0007PracticeProgress } from './0007-practice-progress';
import { migration0008LearnerTrack } from './0008-learner-track';
import type { Migration } from './migration';

/** Every migration in order. Append only. */
export const migrations: readonly Migration[] = [
  migration0001Meta,
  migration0002Events,
  migration0003LearnersVisits,
  migration0004LessonProgress,
  migration0005LearnerCard,
  migration0006LearnerKeyV2,
  migration0007PracticeProgress,
  migration0008LearnerTrack,
];
