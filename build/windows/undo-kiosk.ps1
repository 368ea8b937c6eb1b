<#
.SYNOPSIS
  Undoes setup-kiosk.ps1: no autologon, the kiosk account gets Explorer and its policies back,
  Shell Launcher's custom shell for it is removed. With -RemoveUser the account and its profile go too.

.DESCRIPTION
  NOT TESTED HERE (written against Microsoft's documentation; it cannot run on the build machine).
  The kiosk's data (attendance log, keys) lives under the account's AppData\Roaming\tram-hoc-so
  folder: back it up (tram db backup) BEFORE using -RemoveUser, or the unsynced attendance is lost.

.EXAMPLE
  powershell -ExecutionPolicy Bypass -File undo-kiosk.ps1
  powershell -ExecutionPolicy Bypass -File undo-kiosk.ps1 -RemoveUser
#>
[CmdletBinding()]
param(
  [string] $KioskUser = 'kiosk',
  [switch] $RemoveUser
)

# This file is pure ASCII on purpose: Windows PowerShell 5.1 reads a .ps1 without a BOM in the ANSI
# code page, and UTF-8 Vietnamese letters would turn into stray quote characters.
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$principal = [Security.Principal.WindowsPrincipal][Security.Principal.WindowsIdentity]::GetCurrent()
if (-not $principal.IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)) { throw 'Run this script from an administrator PowerShell.' }

# 1. Autologon off; the clear-text password removed.
$winlogon = 'HKLM:\SOFTWARE\Microsoft\Windows NT\CurrentVersion\Winlogon'
Set-ItemProperty $winlogon -Name AutoAdminLogon -Value '0' -Type String
Remove-ItemProperty $winlogon -Name DefaultPassword -ErrorAction SilentlyContinue
if ((Get-ItemProperty $winlogon -Name DefaultUserName -ErrorAction SilentlyContinue).DefaultUserName -eq $KioskUser) {
  Remove-ItemProperty $winlogon -Name DefaultUserName -ErrorAction SilentlyContinue
}
Write-Host 'Autologon is off.'

$user = Get-LocalUser -Name $KioskUser -ErrorAction SilentlyContinue
if (-not $user) { Write-Host "No account '$KioskUser': nothing more to undo."; exit 0 }
$sid = $user.SID.Value

# 2. Shell Launcher: drop the kiosk account's custom shell (other accounts keep Explorer).
try {
  $wesl = Get-CimClass -Namespace 'root\standardcimv2\embedded' -ClassName WESL_UserSetting -ErrorAction Stop
  Invoke-CimMethod -CimClass $wesl -MethodName RemoveCustomShell -Arguments @{ Sid = $sid } | Out-Null
  Write-Host 'Shell Launcher: custom shell removed for the kiosk account.'
} catch {
  Write-Host 'Shell Launcher not configured on this PC.'
}

# 3. The account's own hive: registry shell and policies.
function Clear-KioskHive([string] $hive) {
  Remove-ItemProperty "$hive\Software\Microsoft\Windows NT\CurrentVersion\Winlogon" -Name Shell -ErrorAction SilentlyContinue
  foreach ($name in 'DisableTaskMgr', 'DisableLockWorkstation', 'DisableChangePassword') {
    Remove-ItemProperty "$hive\Software\Microsoft\Windows\CurrentVersion\Policies\System" -Name $name -ErrorAction SilentlyContinue
  }
  foreach ($name in 'NoWinKeys', 'NoRun', 'NoViewContextMenu', 'NoDrives', 'NoViewOnDrive', 'DisallowRun') {
    Remove-ItemProperty "$hive\Software\Microsoft\Windows\CurrentVersion\Policies\Explorer" -Name $name -ErrorAction SilentlyContinue
  }
  Remove-Item "$hive\Software\Microsoft\Windows\CurrentVersion\Policies\Explorer\DisallowRun" -Recurse -ErrorAction SilentlyContinue
  foreach ($name in 'NoFileMru', 'NoBackButton', 'NoPlacesBar') {
    Remove-ItemProperty "$hive\Software\Microsoft\Windows\CurrentVersion\Policies\Comdlg32" -Name $name -ErrorAction SilentlyContinue
  }
  Remove-ItemProperty "$hive\Software\Policies\Microsoft\Windows\System" -Name DisableCMD -ErrorAction SilentlyContinue
  Remove-ItemProperty "$hive\Control Panel\Keyboard" -Name PrintScreenKeyForSnippingEnabled -ErrorAction SilentlyContinue
  # Windows defaults for the accessibility hotkeys.
  Set-ItemProperty "$hive\Control Panel\Accessibility\StickyKeys" -Name Flags -Value '510' -Type String -ErrorAction SilentlyContinue
  Set-ItemProperty "$hive\Control Panel\Accessibility\Keyboard Response" -Name Flags -Value '126' -Type String -ErrorAction SilentlyContinue
  Set-ItemProperty "$hive\Control Panel\Accessibility\ToggleKeys" -Name Flags -Value '62' -Type String -ErrorAction SilentlyContinue
}

$userProfile = Get-CimInstance Win32_UserProfile | Where-Object { $_.SID -eq $sid }
if (Test-Path "Registry::HKEY_USERS\$sid") {
  Clear-KioskHive "Registry::HKEY_USERS\$sid"
} elseif ($userProfile) {
  & reg.exe load 'HKU\TramKiosk' (Join-Path $userProfile.LocalPath 'NTUSER.DAT') | Out-Null
  if ($LASTEXITCODE -ne 0) { throw 'Could not load the kiosk account hive.' }
  try { Clear-KioskHive 'Registry::HKEY_USERS\TramKiosk' }
  finally { [GC]::Collect(); [GC]::WaitForPendingFinalizers(); & reg.exe unload 'HKU\TramKiosk' | Out-Null }
}
Write-Host 'Kiosk account policies and shell removed.'

foreach ($feature in 'Printing-PrintToPDFServices-Features', 'Printing-XPSServices-Features') {
  Enable-WindowsOptionalFeature -Online -FeatureName $feature -NoRestart -ErrorAction SilentlyContinue | Out-Null
}
Write-Host 'PDF and XPS printers turned on again.'

# 4. Optionally the account itself.
if ($RemoveUser) {
  if ($userProfile) { $userProfile | Remove-CimInstance }
  Remove-LocalUser -Name $KioskUser
  Write-Host "Account '$KioskUser' and its profile removed."
}
Write-Host 'Restart the PC to finish.'
