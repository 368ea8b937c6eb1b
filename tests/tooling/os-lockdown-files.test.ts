import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The OS scripts cannot run here; these checks keep them consistent with the app's own constants.
const build = join(import.meta.dirname, '../../build');
const read = (path: string) => readFileSync(join(build, path), 'utf8');
// Mirrors VOLUNTEER_EXIT_CODE in electron/main/app-exit.ts (which imports 'electron', so not loaded here).
const VOLUNTEER_EXIT_CODE = 64;
const builderConfig = JSON.parse(read('electron-builder.json')) as { executableName: string; linux: { executableName: string } };

describe('OS lockdown files in build/', () => {
  it('the app-exit constant matches the scripts', () => {
    expect(readFileSync(join(import.meta.dirname, '../../electron/main/app-exit.ts'), 'utf8')).toContain(`VOLUNTEER_EXIT_CODE = ${VOLUNTEER_EXIT_CODE};`);
  });

  it('PowerShell scripts are pure ASCII (Windows PowerShell 5.1 reads BOM-less files as ANSI)', () => {
    for (const file of ['windows/setup-kiosk.ps1', 'windows/undo-kiosk.ps1']) {
      expect([...read(file)].filter((char) => char.charCodeAt(0) > 127), file).toEqual([]);
    }
  });

  it('setup-kiosk.ps1 maps the volunteer exit code to "do nothing" and points at the installed exe', () => {
    const setup = read('windows/setup-kiosk.ps1');
    expect(setup).toContain(`$VolunteerExitCode = ${VOLUNTEER_EXIT_CODE}`);
    expect(setup).toContain(`${builderConfig.executableName}.exe`);
    for (const policy of ['DisableTaskMgr', 'DisableLockWorkstation', 'AutoAdminLogon', 'SetCustomShell', 'PrintScreenKeyForSnippingEnabled']) expect(setup).toContain(policy);
    const undo = read('windows/undo-kiosk.ps1');
    for (const reverted of ['DisableTaskMgr', 'DisableLockWorkstation', 'AutoAdminLogon', 'RemoveCustomShell', 'PrintScreenKeyForSnippingEnabled', 'DefaultPassword']) expect(undo).toContain(reverted);
  });

  // Security review: a file dialog ("Save as" from a PDF printer) is a way from the kiosk to a shell.
  it('setup-kiosk.ps1 removes the PDF/XPS printers and locks file dialogs down for the kiosk account; undo reverts each', () => {
    const setup = read('windows/setup-kiosk.ps1');
    const undo = read('windows/undo-kiosk.ps1');
    for (const name of ['NoRun', 'NoViewContextMenu', 'NoDrives', 'NoViewOnDrive', 'DisallowRun', 'NoFileMru', 'NoPlacesBar', 'DisableCMD', 'Printing-PrintToPDFServices-Features', 'Printing-XPSServices-Features']) {
      expect(setup, name).toContain(name);
      expect(undo, name).toContain(name);
    }
    expect(setup).toContain("Remove-Printer -Name $printer");
    for (const exe of ['cmd.exe', 'powershell.exe', 'regedit.exe']) expect(setup).toContain(`'${exe}'`);
  });

  it('the systemd unit ends the session instead of leaving a desktop when it stops restarting, but not after a volunteer exit', () => {
    const unit = read('linux/tram-hoc-so.service');
    expect(unit).toMatch(/^OnFailure=tram-hoc-so-failed\.service$/m);
    expect(unit).toMatch(new RegExp(`^SuccessExitStatus=${VOLUNTEER_EXIT_CODE}$`, 'm'));
    const failed = read('linux/tram-hoc-so-failed.service');
    expect(failed).toMatch(/^ExecStart=\/usr\/bin\/loginctl terminate-user %u$/m);
  });

  it('the systemd user unit restarts always, except after a volunteer exit, and runs the .deb binary', () => {
    const unit = read('linux/tram-hoc-so.service');
    expect(unit).toMatch(/^Restart=always$/m);
    expect(unit).toMatch(new RegExp(`^RestartPreventExitStatus=${VOLUNTEER_EXIT_CODE}$`, 'm'));
    expect(unit).toMatch(new RegExp(`^ExecStart=/usr/bin/${builderConfig.linux.executableName}$`, 'm'));
  });

  it('the autostart entry starts that unit', () => {
    const desktop = read('linux/tram-hoc-so.desktop');
    expect(desktop).toMatch(/^\[Desktop Entry\]$/m);
    expect(desktop).toMatch(/^Type=Application$/m);
    expect(desktop).toMatch(/^Exec=.*systemctl --user start tram-hoc-so\.service/m);
  });

  it('every active udev rule matches hidraw by lower-case vendor id and grants a group', () => {
    const rules = read('linux/99-tram-hoc-so-scanners.rules')
      .split('\n')
      .filter((line) => line.trim() !== '' && !line.startsWith('#'));
    expect(rules.length).toBeGreaterThan(0);
    for (const rule of rules) expect(rule).toMatch(/^SUBSYSTEM=="hidraw", ATTRS\{idVendor\}=="[0-9a-f]{4}", GROUP="plugdev", MODE="0660"$/);
  });
});
