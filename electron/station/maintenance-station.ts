/**
 * The station when its configuration or database cannot be used: status reports the exact problem
 * (the kiosk shows the maintenance screen, never a blank window) and every other command answers
 * `unavailable`. Built from the contract's command list, so a new command is refused here until it
 * is given a maintenance answer on purpose.
 */
import { commandNames, type CommandName } from '../contract/commands';
import type { StationStatus } from '../contract/dto';
import type { KioskHandlers } from '../contract/kiosk-api';
import { StationError } from './station-error';

export const IN_MAINTENANCE = { vi: 'Trạm đang bảo trì', en: 'The station is in maintenance' } as const;

/** The few commands a station in maintenance still answers. */
function maintenanceAnswers(status: () => StationStatus, wallMs: () => number): Partial<KioskHandlers> {
  return {
    getStatus: async () => status(),
    getSyncStatus: async () => status().sync,
    getVolunteerStatus: async () => ({ signedIn: false, demoPin: null, needsFirstSetup: false }),
    listDemoCards: async () => [],
    echo: async ({ text }) => ({ text, receivedAtMs: Math.floor(wallMs()) }),
  };
}

/** Handlers for every contract command: the maintenance answers, else `unavailable`. */
export function maintenanceHandlers(status: () => StationStatus, wallMs: () => number): KioskHandlers {
  const answers = maintenanceAnswers(status, wallMs);
  const refuse = async () => {
    throw new StationError('unavailable', IN_MAINTENANCE);
  };
  return Object.fromEntries(commandNames.map((name: CommandName) => [name, answers[name] ?? refuse])) as unknown as KioskHandlers;
}
