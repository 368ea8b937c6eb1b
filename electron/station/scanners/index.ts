/** Station-side scanner adapters: node-hid wiring, device selection, the simulator. */
export { loadNodeHid, type HidDeviceHandle, type HidDeviceInfo, type HidModule } from './hid-module';
export {
  HidScannerService,
  realTimers,
  type HidScannerServiceOptions,
  type ScannerEvent,
  type ScannerScan,
  type TimerHandle,
  type Timers,
} from './hid-scanner-service';
export { HID_POS_USAGE_PAGE, selectScannerDevices, type ScannerDevice, type ScannerMatch, type VidPid } from './scanner-match';
export { createSimulatedHidModule, SimulatedScanner, type SimulatedScannerOptions } from './simulated-scanner';
