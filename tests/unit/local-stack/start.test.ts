import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { installReason } from '../../support/local-stack/start.mjs';

describe('npm start installs the dependencies when they are missing or stale', () => {
  let root: string;
  const at = (path: string, seconds: number) => utimes(join(root, path), seconds, seconds);

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'c2c-start-'));
    await writeFile(join(root, 'package-lock.json'), '{}');
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('on a fresh clone (no node_modules)', () => {
    expect(installReason(root)).toBe('the dependencies are not installed yet');
  });

  it('after an interrupted install (node_modules without npm’s record of it)', async () => {
    await mkdir(join(root, 'node_modules'));
    expect(installReason(root)).toBe('the dependencies are not installed yet');
  });

  it('when the lock file changed since the install, not otherwise', async () => {
    await mkdir(join(root, 'node_modules'));
    await writeFile(join(root, 'node_modules/.package-lock.json'), '{}');
    await at('package-lock.json', 1_000);
    await at('node_modules/.package-lock.json', 2_000);
    expect(installReason(root)).toBeNull();
    await at('package-lock.json', 3_000);
    expect(installReason(root)).toBe('package-lock.json changed since the last install');
  });
});
