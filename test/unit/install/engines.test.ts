import { readFileSync } from 'node:fs';
import path from 'node:path';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

/**
 * The Node version the README names is one every locked package accepts, so `npm ci` on it
 * prints no EBADENGINE warning (wxt 0.21 declares node >= 22; vite's bindings ^22.13).
 */

const root = path.resolve(import.meta.dirname, '../../..');
const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { engines: { node: string } };
const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { version?: string; engines?: { node?: string } | string[]; optional?: boolean }>;
};

describe('the Node version the README names', () => {
  const named = /Node\.js ≥ (\d+\.\d+)/.exec(readme)?.[1];

  it('is stated in the README and is the package’s own minimum', () => {
    expect(named).toBeDefined();
    expect(pkg.engines.node).toBe(`>=${named}`);
  });

  it('satisfies every locked package’s engines.node', () => {
    const version = semver.coerce(named)!.version;
    const refused = Object.entries(lock.packages)
      .filter(([name, entry]) => name && !Array.isArray(entry.engines) && entry.engines?.node)
      .filter(([, entry]) => !semver.satisfies(version, (entry.engines as { node: string }).node, { includePrerelease: true }))
      .map(([name, entry]) => `${name.replace(/^.*node_modules\//, '')}@${entry.version} wants node ${(entry.engines as { node: string }).node}`);
    expect(refused).toEqual([]);
  });
});
