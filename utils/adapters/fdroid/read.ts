/** F-Droid package pages: the latest version heads the version list ("Version 2.12.8 (42108)"). */
import { clean } from '../../extract/text';
import { versionFromText } from '../release/app';
import type { PageAdapter, PageContext } from '../types';

function packageName(page: PageContext): string | null {
  const url = page.location;
  if (!url || !/(^|\.)f-droid\.org$/.test(url.hostname)) return null;
  return /^\/(?:[a-z]{2}(?:[-_][A-Za-z]{2,4})?\/)?packages\/([\w.]+)\/?$/.exec(url.pathname)?.[1] ?? null;
}

export const fdroid: PageAdapter = {
  id: 'fdroid',
  kind: 'release',
  detect: (page) => packageName(page) !== null,
  read: (page) => {
    const pkg = packageName(page);
    const header = clean(page.doc.querySelector('.package-version-header b, .package-version-header')?.textContent);
    const version = versionFromText(header);
    if (!pkg || !version || !/\d/.test(version)) return null;
    // F-Droid titles read "Conversations | F-Droid - Free and Open Source Android App Repository".
    const project = page.title.split(/\s+[|–—-]\s+/)[0]?.trim() || pkg;
    return { release: { project: project === page.meta.siteName ? pkg : project, version } };
  },
};
