import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { strToU8, type Zippable, zipSync } from 'fflate';

/**
 * Zips a built extension (dist/) for the Chrome Web Store or private hosting. Entries are sorted
 * and dated the same for every build, so the same sources give the same zip (and checksum).
 */

/** DOS zip dates start in 1980; a fixed date keeps zips reproducible. */
const FIXED_DATE = new Date(1980, 0, 1);

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

export interface ZipOptions {
  /**
   * Keep the manifest's `key`. The Chrome Web Store refuses a manifest that has one (it assigns
   * the extension's ID itself); a self-hosted CRX signed with the key's private half keeps it.
   */
  keepKey: boolean;
}

export function zipExtension(distDir: string, { keepKey }: ZipOptions): Uint8Array {
  const files: Zippable = {};
  for (const file of listFiles(distDir)) {
    const name = relative(distDir, file).split(sep).join('/');
    let data: Uint8Array = readFileSync(file);
    if (name === 'manifest.json' && !keepKey) {
      const { key: _key, ...manifest } = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      data = strToU8(`${JSON.stringify(manifest, null, 2)}\n`);
    }
    files[name] = [data, { mtime: FIXED_DATE }];
  }
  if (!files['manifest.json']) throw new Error(`${distDir} has no manifest.json: build the extension first.`);
  return zipSync(files, { level: 9 });
}
