<#
.SYNOPSIS
  Turns a commune PC into a Tram Hoc So kiosk: a local kiosk account that logs in by itself and gets
  the kiosk app instead of the Windows desktop.

.DESCRIPTION
  Electron's kiosk mode is only full screen on Windows: Alt+Tab, the Win key and Ctrl+Shift+Esc still
  work (electron#2272, #7597). The real lockdown is the OS's:
    1. a local, non-admin account "kiosk" with a random password nobody needs to know;
    2. autologon into that account;
    3. the app as that account's shell, so there is no Explorer, taskbar or Start menu to reach:
       - Enterprise / Education / IoT Enterprise: the Shell Launcher feature, configured through its
         WMI provider (WESL_UserSetting). Exit code 64 (volunteer exit) is mapped to "do nothing",
         every other exit restarts the app. Shell Launcher v2's XML form (AssignedAccess CSP) needs
         MDM or a provisioning package; for a Win32 exe like ours the WMI form gives the same result.
       - Pro (and Home): the per-user Winlogon "Shell" registry value in the kiosk account's hive.
         Nothing restarts the app if it exits; the app's own recovery relaunches it.
    4. policies for that account only: no Task Manager, no Lock, no Change password, no Sticky-Keys
       (5x Shift) dialog, PrintScreen does not open the Snipping Tool; and, because any file dialog
       is a way to a shell ("Save as" > right-click cmd.exe > Open), no command prompt, no Run, no
       context menus in file views, no drives shown or opened in them, and cmd.exe, PowerShell,
       regedit and mmc refused by name;
    5. the "Microsoft Print to PDF" and "XPS Document Writer" printers removed (their Save-as dialog
       is the classic way out of a kiosk). The app itself prints silently to its configured printer
       and never opens a print dialog (electron/main/kiosk-print.ts).
  Ctrl+Alt+Del itself can never be blocked; from it a volunteer can still "Sign out" to reach the
  administrator account for maintenance. That is intended.

  NOT TESTED HERE: this script was written against Microsoft's documentation and cannot run on the
  build machine. Try it on one PC first; undo with undo-kiosk.ps1.

  Registry and WMI names used (verify on the target Windows build):
    HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion\Winlogon  AutoAdminLogon, DefaultUserName, DefaultPassword, DefaultDomainName
    <kiosk hive>\Software\Microsoft\Windows NT\CurrentVersion\Winlogon  Shell
    <kiosk hive>\Software\Microsoft\Windows\CurrentVersion\Policies\System  DisableTaskMgr, DisableLockWorkstation, DisableChangePassword
    <kiosk hive>\Software\Microsoft\Windows\CurrentVersion\Policies\Explorer  NoRun, NoViewContextMenu, NoDrives, NoViewOnDrive, DisallowRun (+ key DisallowRun\1..n)
    <kiosk hive>\Software\Microsoft\Windows\CurrentVersion\Policies\Comdlg32  NoFileMru, NoBackButton, NoPlacesBar
    <kiosk hive>\Software\Policies\Microsoft\Windows\System  DisableCMD
    Optional features  Printing-PrintToPDFServices-Features, Printing-XPSServices-Features
    <kiosk hive>\Control Panel\Keyboard  PrintScreenKeyForSnippingEnabled
    <kiosk hive>\Control Panel\Accessibility\StickyKeys  Flags
    root\standardcimv2\embedded : WESL_UserSetting  SetCustomShell, SetDefaultShell, SetEnabled

.PARAMETER AppPath
  The installed kiosk exe (NSIS per-machine install). Default: C:\Program Files\Tram Hoc So\tram-hoc-so.exe

.PARAMETER KioskUser
  Name of the local kiosk account. Default: kiosk

.EXAMPLE
  powershell -ExecutionPolicy Bypass -File setup-kiosk.ps1
#>
[CmdletBinding()]
param(
  [string] $AppPath = (Join-Path $env:ProgramFiles 'Tram Hoc So\tram-hoc-so.exe'),
  [string] $KioskUser = 'kiosk'
)

# This file is pure ASCII on purpose: Windows PowerShell 5.1 reads a .ps1 without a BOM in the ANSI
# code page, and UTF-8 Vietnamese letters would turn into stray quote characters.
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

# Exit code the app uses for "volunteer exit" (electron/main/app-exit.ts VOLUNTEER_EXIT_CODE).
$VolunteerExitCode = 64

function Assert-Administrator {
  $principal = [Security.Principal.WindowsPrincipal][Security.Principal.WindowsIdentity]::GetCurrent()
  if (-not $principal.IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)) {
    throw 'Run this script from an administrator PowerShell.'
  }
}

function New-RandomPassword {
  # Nobody types this password: autologon uses it. 24 random bytes, base64, plus a symbol for policy.
  $bytes = New-Object byte[] 24
  [Security.Cryptography.RandomNumberGenerator]::Create().GetBytes($bytes)
  return [Convert]::ToBase64String($bytes) + '!a1'
}

function Ensure-KioskUser([string] $name, [string] $password) {
  $secure = ConvertTo-SecureString $password -AsPlainText -Force
  $existing = Get-LocalUser -Name $name -ErrorAction SilentlyContinue
  if ($existing) {
    Set-LocalUser -Name $name -Password $secure -PasswordNeverExpires $true
  } else {
    New-LocalUser -Name $name -Password $secure -FullName 'Tram Hoc So' -Description 'Kiosk account (Tram Hoc So)' -PasswordNeverExpires -AccountNeverExpires -UserMayNotChangePassword | Out-Null
  }
  # Group names are translated on Vietnamese Windows ("Users" is not always "Users"): use the SID.
  $usersGroup = Get-LocalGroup -SID 'S-1-5-32-545'
  if (-not (Get-LocalGroupMember -Group $usersGroup -Member $name -ErrorAction SilentlyContinue)) {
    Add-LocalGroupMember -Group $usersGroup -Member $name
  }
  return (Get-LocalUser -Name $name).SID.Value
}

function Set-Autologon([string] $name, [string] $password) {
  # Windows keeps DefaultPassword in the registry in clear text, readable by administrators only.
  # The account has no rights beyond running the kiosk; Sysinternals Autologon (LSA secret) is a
  # better store when it can be downloaded.
  $winlogon = 'HKLM:\SOFTWARE\Microsoft\Windows NT\CurrentVersion\Winlogon'
  Set-ItemProperty $winlogon -Name AutoAdminLogon -Value '1' -Type String
  Set-ItemProperty $winlogon -Name DefaultUserName -Value $name -Type String
  Set-ItemProperty $winlogon -Name DefaultPassword -Value $password -Type String
  Set-ItemProperty $winlogon -Name DefaultDomainName -Value $env:COMPUTERNAME -Type String
  # Windows 10/11 hide autologon when "require Windows Hello sign-in" is on.
  $passwordless = 'HKLM:\SOFTWARE\Microsoft\Windows NT\CurrentVersion\PasswordLess\Device'
  if (Test-Path $passwordless) { Set-ItemProperty $passwordless -Name DevicePasswordLessBuildVersion -Value 0 -Type DWord }
}

function Get-ProfilePath([string] $sid) {
  $userProfile = Get-CimInstance Win32_UserProfile | Where-Object { $_.SID -eq $sid }
  if ($userProfile) { return $userProfile.LocalPath }
  return $null
}

# Runs $action with the kiosk account's registry hive mounted at HKU\TramKiosk (or already loaded at HKU\<sid>).
function Invoke-WithKioskHive([string] $sid, [scriptblock] $action) {
  if (Test-Path "Registry::HKEY_USERS\$sid") { & $action "Registry::HKEY_USERS\$sid"; return }
  $profilePath = Get-ProfilePath $sid
  if (-not $profilePath) {
    throw "The kiosk account has no profile yet. Sign in once as '$KioskUser' (autologon does it: restart), sign out with Ctrl+Alt+Del, then run this script again as administrator."
  }
  & reg.exe load 'HKU\TramKiosk' (Join-Path $profilePath 'NTUSER.DAT') | Out-Null
  if ($LASTEXITCODE -ne 0) { throw 'Could not load the kiosk account hive (is the kiosk account signed in?).' }
  try { & $action 'Registry::HKEY_USERS\TramKiosk' }
  finally {
    [GC]::Collect(); [GC]::WaitForPendingFinalizers()
    & reg.exe unload 'HKU\TramKiosk' | Out-Null
  }
}

function Set-KioskPolicies([string] $hive, [bool] $registryShell) {
  $system = "$hive\Software\Microsoft\Windows\CurrentVersion\Policies\System"
  New-Item -Path $system -Force | Out-Null
  Set-ItemProperty $system -Name DisableTaskMgr -Value 1 -Type DWord
  Set-ItemProperty $system -Name DisableLockWorkstation -Value 1 -Type DWord
  Set-ItemProperty $system -Name DisableChangePassword -Value 1 -Type DWord
  $explorer = "$hive\Software\Microsoft\Windows\CurrentVersion\Policies\Explorer"
  New-Item -Path $explorer -Force | Out-Null
  # Only matters if Explorer ever runs for this account (e.g. the app path was wrong).
  Set-ItemProperty $explorer -Name NoWinKeys -Value 1 -Type DWord
  # File dialogs are Explorer views: no Run, no right-click menu, no drives to browse or open.
  Set-ItemProperty $explorer -Name NoRun -Value 1 -Type DWord
  Set-ItemProperty $explorer -Name NoViewContextMenu -Value 1 -Type DWord
  Set-ItemProperty $explorer -Name NoDrives -Value 67108863 -Type DWord
  Set-ItemProperty $explorer -Name NoViewOnDrive -Value 67108863 -Type DWord
  Set-ItemProperty $explorer -Name DisallowRun -Value 1 -Type DWord
  $disallowed = "$explorer\DisallowRun"
  New-Item -Path $disallowed -Force | Out-Null
  $index = 1
  foreach ($exe in 'cmd.exe', 'powershell.exe', 'powershell_ise.exe', 'pwsh.exe', 'regedit.exe', 'mmc.exe', 'wscript.exe', 'cscript.exe') {
    Set-ItemProperty $disallowed -Name "$index" -Value $exe -Type String
    $index++
  }
  $comdlg = "$hive\Software\Microsoft\Windows\CurrentVersion\Policies\Comdlg32"
  New-Item -Path $comdlg -Force | Out-Null
  foreach ($name in 'NoFileMru', 'NoBackButton', 'NoPlacesBar') { Set-ItemProperty $comdlg -Name $name -Value 1 -Type DWord }
  $systemPolicies = "$hive\Software\Policies\Microsoft\Windows\System"
  New-Item -Path $systemPolicies -Force | Out-Null
  # 1: no command prompt and no batch files for this account.
  Set-ItemProperty $systemPolicies -Name DisableCMD -Value 1 -Type DWord
  $keyboard = "$hive\Control Panel\Keyboard"
  New-Item -Path $keyboard -Force | Out-Null
  Set-ItemProperty $keyboard -Name PrintScreenKeyForSnippingEnabled -Value 0 -Type DWord
  # 5x Shift / holding Shift opens an accessibility dialog with a link into Settings: turn the hotkeys off.
  Set-ItemProperty "$hive\Control Panel\Accessibility\StickyKeys" -Name Flags -Value '506' -Type String -ErrorAction SilentlyContinue
  Set-ItemProperty "$hive\Control Panel\Accessibility\Keyboard Response" -Name Flags -Value '122' -Type String -ErrorAction SilentlyContinue
  Set-ItemProperty "$hive\Control Panel\Accessibility\ToggleKeys" -Name Flags -Value '58' -Type String -ErrorAction SilentlyContinue
  if ($registryShell) {
    $winlogon = "$hive\Software\Microsoft\Windows NT\CurrentVersion\Winlogon"
    New-Item -Path $winlogon -Force | Out-Null
    Set-ItemProperty $winlogon -Name Shell -Value "`"$AppPath`"" -Type String
  }
}

function Set-ShellLauncher([string] $sid) {
  $feature = Get-WindowsOptionalFeature -Online -FeatureName Client-EmbeddedShellLauncher
  if ($feature.State -ne 'Enabled') {
    Enable-WindowsOptionalFeature -Online -FeatureName Client-EmbeddedShellLauncher -All -NoRestart | Out-Null
    Write-Warning 'Shell Launcher was just enabled: restart the PC and run this script again.'
    return $false
  }
  $wesl = Get-CimClass -Namespace 'root\standardcimv2\embedded' -ClassName WESL_UserSetting
  # Everybody else (administrators) keeps Explorer.
  Invoke-CimMethod -CimClass $wesl -MethodName SetDefaultShell -Arguments @{ Shell = 'explorer.exe'; DefaultAction = [int]0 } | Out-Null
  try { Invoke-CimMethod -CimClass $wesl -MethodName RemoveCustomShell -Arguments @{ Sid = $sid } | Out-Null } catch { }
  # Actions: 0 restart the shell, 1 restart the PC, 2 shut down, 3 do nothing.
  Invoke-CimMethod -CimClass $wesl -MethodName SetCustomShell -Arguments @{
    Sid = $sid
    Shell = "`"$AppPath`""
    CustomReturnCodes = [int[]]@($VolunteerExitCode)
    CustomReturnCodesAction = [int[]]@(3)
    DefaultAction = [int]0
  } | Out-Null
  Invoke-CimMethod -CimClass $wesl -MethodName SetEnabled -Arguments @{ Enabled = $true } | Out-Null
  return $true
}

Assert-Administrator
if (-not (Test-Path $AppPath)) { throw "Kiosk app not found at $AppPath. Install Tram Hoc So first (NSIS installer, for all users) or pass -AppPath." }

$edition = (Get-CimInstance Win32_OperatingSystem).OperatingSystemSKU
$editionName = (Get-ItemProperty 'HKLM:\SOFTWARE\Microsoft\Windows NT\CurrentVersion').EditionID
$hasShellLauncher = $editionName -match '^(Enterprise|Education|IoTEnterprise|EnterpriseS|IoTEnterpriseS)'
Write-Host "Windows edition: $editionName (SKU $edition)"

$password = New-RandomPassword
$sid = Ensure-KioskUser $KioskUser $password
Set-Autologon $KioskUser $password
Write-Host "Kiosk account '$KioskUser' ($sid) logs in automatically."

$useRegistryShell = $true
if ($hasShellLauncher) {
  if (Set-ShellLauncher $sid) {
    $useRegistryShell = $false
    Write-Host 'Shell Launcher: the app is the kiosk account''s shell; exit code 64 leaves it closed.'
  } else {
    Write-Warning 'Using the registry shell until Shell Launcher is available after the restart.'
  }
} else {
  Write-Host 'No Shell Launcher on this edition: using the per-user Winlogon Shell registry value.'
}

Invoke-WithKioskHive $sid { param($hive) Set-KioskPolicies $hive $useRegistryShell }

# The PDF and XPS printers open a "Save as" dialog: remove them (the features keep them from coming
# back after an update). undo-kiosk.ps1 turns the features on again.
foreach ($printer in 'Microsoft Print to PDF', 'Microsoft XPS Document Writer') {
  Remove-Printer -Name $printer -ErrorAction SilentlyContinue
}
foreach ($feature in 'Printing-PrintToPDFServices-Features', 'Printing-XPSServices-Features') {
  Disable-WindowsOptionalFeature -Online -FeatureName $feature -NoRestart -ErrorAction SilentlyContinue | Out-Null
}
Write-Host 'PDF and XPS printers removed. Set the real printer in station-config.json (kiosk.printerName) or as the default printer.'
Write-Host 'Done. Restart the PC: it should start straight into Tram Hoc So.'
Write-Host 'Maintenance: Ctrl+Alt+Del > Sign out, then sign in as an administrator. Undo: undo-kiosk.ps1'
