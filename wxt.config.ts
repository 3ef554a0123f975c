import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

// Least privilege: activeTab + scripting reach only the tab the user clicked on, and only
// after the click. No host permissions, no downloads/clipboard permissions (extension pages
// download via <a download> and copy via navigator.clipboard on a user gesture).
export default defineConfig({
  vite: () => ({ plugins: [preact()] }),
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
          },
        }
      : {}),
  }),
});
