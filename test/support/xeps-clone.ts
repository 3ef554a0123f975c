import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * A clone of the real xsf/xeps history (../shared/data/xsf-xeps.bundle, up to 2026-06-30), made
 * once per machine and bundle and shared by every test file: cloned beside, then renamed into
 * place, so test files starting at the same time never see half a clone.
 */
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const XEPS_BUNDLE = path.resolve(repoRoot, '../shared/data/xsf-xeps.bundle');

export function xepsClone(): string {
  const stamp = statSync(XEPS_BUNDLE);
  const target = path.join(tmpdir(), `newsdesk-xeps-${stamp.size}-${Math.round(stamp.mtimeMs)}`);
  if (existsSync(path.join(target, '.git'))) return target;
  const scratch = mkdtempSync(path.join(tmpdir(), 'newsdesk-xeps-clone-'));
  const clone = path.join(scratch, 'xeps');
  execFileSync('git', ['clone', '--quiet', '--branch', 'master', XEPS_BUNDLE, clone], { timeout: 120_000 });
  try {
    renameSync(clone, target);
  } catch (error) {
    // Another test file got there first: use its clone.
    if (!existsSync(path.join(target, '.git'))) throw error;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return target;
}
