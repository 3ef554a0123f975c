import { fileURLToPath } from 'node:url';
import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

// Least privilege: activeTab + scripting reach only the tab the user clicked on (toolbar button,
// keyboard shortcut or context-menu item), and only after the click. contextMenus adds the three
// "Clip …" items and grants nothing by itself. No downloads/clipboard permissions (extension
// pages download via <a download> and copy via navigator.clipboard on a user gesture).
// The shared newsroom adds: `storage` (its address and password, in the extension's own
// storage, never in IndexedDB or backups), `alarms` (wake the service worker to send what waits
// after it was stopped) and, only when the user asks Newsdesk to find the server's WebSocket
// address, an optional host permission for that one domain's https:// host-meta. WebSocket
// connections need no permission. "Draft XEP updates" in the Desk asks, on its first use, for
// https://api.github.com/* and https://raw.githubusercontent.com/* (both within the optional
// https://*/*), to read the XSF's xsf/xeps history. Chrome 116 is the first to keep a service worker alive while
// its WebSocket is active. The README's permission table says the same;
// test/browser/build-output.test.ts pins it.
export default defineConfig({
  // `browser` from wxt/browser is Mozilla's webextension-polyfill: one promise-based API in
  // Chrome and Firefox (Firefox's own `browser` is used as is).
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({
    plugins: [preact()],
    resolve: {
      alias: {
        // micromark decodes HTML entities with a DOM element in "browser" builds; the background
        // is a service worker with no document, so every bundle takes the table-based decoder
        // (the one Node and the CLI use), and all of them read entities the same way.
        'decode-named-character-reference': fileURLToPath(new URL('./node_modules/decode-named-character-reference/index.js', import.meta.url)),
      },
    },
  }),
  zip: {
    // Chrome and Firefox packages side by side, never one overwriting the other.
    artifactTemplate: '{{name}}-{{version}}-{{browser}}-{{manifestVersion}}.zip',
    // What Firefox's review needs to rebuild the package: code, lockfile, README. Not the tests'
    // fixtures (tens of MB of saved pages) nor generated output.
    excludeSources: ['test/**', 'docs/*.png', 'bench-results/**', '.tmp/**', 'stats.html', '*.log'],
  },
  manifest: ({ browser }) => ({
    name: 'Newsdesk',
    description: 'Clip the page you are reading into your newsletter and export a draft issue.',
    permissions: ['activeTab', 'scripting', 'contextMenus', 'storage', 'alarms'],
    optional_host_permissions: ['https://*/*'],
    ...(browser === 'firefox' ? {} : { minimum_chrome_version: '116' }),
    commands: {
      // Opens the popup like a toolbar click (and grants activeTab the same way); users change
      // the keys in the browser's shortcut settings.
      _execute_action: { suggested_key: { default: 'Alt+Shift+L' } },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'newsdesk@newsdesk.invalid',
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
            // data_collection_permissions needs Firefox for Android 142 (desktop: 140).
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
});
