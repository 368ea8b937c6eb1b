/**
 * Where a volunteer can save an export: the station's own exports folder, or a removable drive that is
 * plugged in (USB sticks are mounted under /media or /run/media on Linux, and get a drive letter on
 * Windows). The renderer picks by id, so the page never sends a file path.
 */
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ExportTarget } from '../../contract/dto';

function subfolders(dir: string): string[] {
  try {
    return readdirSync(dir)
      .map((name) => join(dir, name))
      .filter((path) => statSync(path).isDirectory());
  } catch {
    return [];
  }
}

/** Candidate removable drives on this machine. */
export function removableDrives(platform: NodeJS.Platform = process.platform): string[] {
  if (platform === 'win32') {
    return 'DEFGHIJKLMNOPQRSTUVWXYZ'
      .split('')
      .map((letter) => `${letter}:\\`)
      .filter((root) => existsSync(root));
  }
  const roots = ['/media', '/run/media', '/mnt'];
  return roots.flatMap((root) => subfolders(root).flatMap((entry) => [entry, ...subfolders(entry)])).filter((path, index, all) => all.indexOf(path) === index && !all.some((other) => other !== path && other.startsWith(`${path}/`)));
}

/** The export targets, the station's own folder first. */
export function exportTargets(dataDir: string, drives: readonly string[] = removableDrives()): Array<ExportTarget & { path: string }> {
  const own = join(dataDir, 'exports');
  mkdirSync(own, { recursive: true });
  return [
    { id: 'station', label: { vi: 'Thư mục của trạm', en: "The station's folder" }, path: own, removable: false },
    ...drives.map((path, index) => ({ id: `drive-${index + 1}`, label: { vi: `Ổ rời ${path}`, en: `Removable drive ${path}` }, path, removable: true })),
  ];
}
