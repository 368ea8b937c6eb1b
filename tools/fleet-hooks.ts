/**
 * What the hub's fleet commands borrow from the station code (issue #18): the pack loader, so that a
 * pack the stations would skip is never published, and the station config schema, so that settings
 * no station could run are never signed. Wired here because tools/ is the one place allowed to reach
 * both the station and the hub.
 */
import { applySettingLayers } from '../electron/core/sync/protocol/fleet/config-document';
import { checkConfig } from '../electron/station/config/load-config';
import { DEMO_CONFIG } from '../electron/station/config/station-config';
import { loadLessons } from '../electron/station/lessons/load-lessons';
import type { FleetHooks } from '../city/fleet/fleet-cli';

export const fleetHooks: FleetHooks = {
  validatePack: (dir) => loadLessons(dir).problems.map((problem) => `${problem.path}: ${problem.message}`),
  validateSettings: (settings) => {
    const checked = checkConfig(applySettingLayers(DEMO_CONFIG, [settings]));
    return checked.ok ? [] : checked.problems;
  },
};
