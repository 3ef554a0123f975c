import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { popupFirstLoad } from '../../scripts/popup-size';
import { extensionDir } from './harness';

/** The built extension as it ships: privileges and the popup's weight are deliberate. */

const manifest = JSON.parse(readFileSync(path.join(extensionDir, 'manifest.json'), 'utf8')) as Record<string, unknown>;

describe('built extension', () => {
  it('asks for activeTab, scripting, contextMenus, storage and alarms only: no host permissions, no content scripts on every page', () => {
    // contextMenus only adds the three "Clip …" items; a click on one grants activeTab for that
    // tab, like the toolbar button. storage holds the newsroom's credentials, alarms wakes the
    // service worker to send what waits. No "tabs", no "<all_urls>".
    expect(manifest.permissions).toEqual(['activeTab', 'scripting', 'contextMenus', 'storage', 'alarms']);
    expect(manifest.host_permissions).toBeUndefined();
    // Asked for one domain at a time, when the user asks Newsdesk to find a newsroom's address,
    // and for api.github.com and raw.githubusercontent.com on the first "Draft XEP updates".
    expect(manifest.optional_host_permissions).toEqual(['https://*/*']);
    // The first Chrome that keeps a service worker alive while its WebSocket is active.
    expect(manifest.minimum_chrome_version).toBe('116');
    expect(manifest.content_scripts).toBeUndefined();
    expect(manifest.externally_connectable).toBeUndefined();
    expect(manifest.web_accessible_resources).toBeUndefined();
    // MV3's default CSP (no eval, no remote code) stays in force.
    expect(manifest.content_security_policy).toBeUndefined();
  });

  it('asks Firefox for the same, with the minimum versions its manifest keys need', () => {
    const firefox = JSON.parse(readFileSync(path.join(extensionDir, '../firefox-mv3/manifest.json'), 'utf8')) as Record<string, unknown>;
    expect(firefox.permissions).toEqual(manifest.permissions);
    expect(firefox.host_permissions).toBeUndefined();
    expect(firefox.commands).toEqual(manifest.commands);
    // data_collection_permissions exists from Firefox 140 on desktop and 142 on Android.
    expect(firefox.browser_specific_settings).toEqual({
      gecko: { id: 'newsdesk@newsdesk.invalid', strict_min_version: '140.0', data_collection_permissions: { required: ['none'] } },
      gecko_android: { strict_min_version: '142.0' },
    });
  });

  it('binds a keyboard shortcut to the toolbar action (changeable in the browser’s shortcut settings)', () => {
    expect(manifest.commands).toEqual({ _execute_action: { suggested_key: { default: 'Alt+Shift+L' } } });
  });

  it('ships the injected extractor as a file the background can inject', () => {
    expect(() => readFileSync(path.join(extensionDir, 'extract.js'))).not.toThrow();
  });

  it('keeps the popup first load under 40 KB of gzipped JS, without Dexie or extraction code', () => {
    const load = popupFirstLoad(extensionDir);
    const code = load.files.map((f) => readFileSync(path.join(extensionDir, f), 'utf8')).join('\n');
    console.log(`popup first load: ${load.files.length} JS files, ${(load.raw / 1024).toFixed(1)} KB raw, ${(load.gzip / 1024).toFixed(1)} KB gzip`);
    expect(load.gzip).toBeLessThan(40 * 1024);
    expect(code).not.toMatch(/Dexie/);
    expect(code).not.toMatch(/Readability|turndown/i);
    // Draft XEP updates (the forge client, its cache, the token) lives in the Desk and options pages only.
    expect(code).not.toMatch(/api\.github\.com|raw\.githubusercontent\.com|xepForgeCache|githubToken/);
  });
});
