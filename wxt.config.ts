import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

// Least privilege: activeTab + scripting reach only the tab the user clicked on (toolbar button,
// keyboard shortcut or context-menu item), and only after the click. contextMenus adds the three
// "Clip …" items and grants nothing by itself. No host permissions, no downloads/clipboard
// permissions (extension pages download via <a download> and copy via navigator.clipboard on a
// user gesture). The README's permission table says the same; test/browser/build-output.test.ts
// pins it.
export default defineConfig({
  // `browser` from wxt/browser is Mozilla's webextension-polyfill: one promise-based API in
  // Chrome and Firefox (Firefox's own `browser` is used as is).
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({ plugins: [preact()] }),
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
    permissions: ['activeTab', 'scripting', 'contextMenus'],
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
