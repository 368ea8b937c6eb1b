/**
 * The two kiosk commands of the fleet (issue #18): what the channel has put on this station, and
 * importing a lesson/config bundle from a USB drive listed by `listExportTargets` (the page names a
 * drive by id, never by path). Both are volunteer-only in the contract; the dispatcher checks that.
 */
import type { FleetImportSummary, FleetStatus } from '../../contract/dto';
import type { KioskHandlers } from '../../contract/kiosk-api';
import { isFleetError } from '../../core/sync/protocol/fleet/fleet-error';
import { exportTargets, removableDrives } from '../reports/export-targets';
import { StationError } from '../station-error';
import type { FleetImportResult } from './fleet-service';

export interface FleetHandlerDeps {
  readonly dataDir: string;
  readonly status: () => FleetStatus;
  readonly importFromFolder: (root: string) => Promise<FleetImportResult>;
  /** The removable drives plugged in now (the same list the export buttons offer). */
  readonly drives?: () => readonly string[];
}

function summarise(result: FleetImportResult): FleetImportSummary {
  const lessons = result.lessons;
  return {
    lessons: lessons.state,
    packVersion: lessons.state === 'installed' || lessons.state === 'up_to_date' ? lessons.version : null,
    configApplied: result.config.applied.length,
    refused: [...(lessons.state === 'refused' ? [`${lessons.code}: ${lessons.message}`] : []), ...result.config.refused.map((item) => `${item.code}: ${item.message}`)],
  };
}

export type FleetCommands = 'getFleetStatus' | 'importFleetBundle';

export function createFleetHandlers(deps: FleetHandlerDeps): Pick<KioskHandlers, FleetCommands> {
  return {
    getFleetStatus: async () => deps.status(),
    importFleetBundle: async ({ targetId }) => {
      const target = exportTargets(deps.dataDir, (deps.drives ?? removableDrives)()).find((candidate) => candidate.id === targetId);
      if (!target) throw new StationError('not_found', { vi: 'Không thấy nơi lưu này, hãy cắm lại USB', en: 'That drive is gone; plug the USB stick in again' });
      try {
        return summarise(await deps.importFromFolder(target.path));
      } catch (error) {
        if (isFleetError(error)) throw new StationError(error.code, { vi: `Gói trên USB không dùng được: ${error.message}`, en: `The USB bundle cannot be used: ${error.message}` });
        throw error;
      }
    },
  };
}
