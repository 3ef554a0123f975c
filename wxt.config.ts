import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

// Least privilege: activeTab + scripting reach only the tab the user clicked on, and only
// after the click. No host permissions, no downloads/clipboard permissions (extension pages
// download via <a download> and copy via navigator.clipboard on a user gesture).
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
    permissions: ['activeTab', 'scripting'],
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
