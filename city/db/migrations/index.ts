import type { Migration } from './migration';
import { migration0001 } from './0001-stations';
import { migration0002 } from './0002-events';
import { migration0003 } from './0003-event-facts';
import { migration0004 } from './0004-staff';
import { migration0005 } from './0005-report-settings';
import { migration0006 } from './0006-ingest-without-row-checks';
import { migration0007 } from './0007-report-rollups';
import { migration0008 } from './0008-hub-identity';
import { migration0009 } from './0009-monthly-partitions';
import { migration0010 } from './0010-station-contact';
import { migration0011 } from './0011-officials';
import { migration0020 } from './0020-fleet';
import { migration0021 } from './0021-learner-aliases';

/** Every hub migration in order. Append only. */
export const HUB_MIGRATIONS: readonly Migration[] = [migration0001, migration0002, migration0003, migration0004, migration0005, migration0006, migration0007, migration0008, migration0009, migration0010, migration0011, migration0020, migration0021];
