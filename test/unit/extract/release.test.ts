import { describe, expect, it } from 'vitest';
import { versionFromTag } from '../../../utils/adapters/release/title';
import type { ReleaseInfo } from '../../../utils/model/capture';
import { capturePage } from '../../../utils/extract/page';
import { domFrom } from './load-fixture';

const blog = 'https://blog.example/post/';

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
}

/** The release a page with this URL, <title> and site name (and F-Droid version line) is read as. */
function detectRelease(url: string, title: string, siteName: string | null, pageVersion: string | null = null): Omit<ReleaseInfo, 'repository'> | null {
  const html = `<html><head><title>${escapeHtml(title)}</title>${siteName ? `<meta property="og:site_name" content="${escapeHtml(siteName)}">` : ''}</head>
    <body>${pageVersion ? `<div class="package-version-header"><b>Version ${escapeHtml(pageVersion)}</b></div>` : ''}<p>Notes.</p></body></html>`;
  const release = capturePage(domFrom(html, url), { url }).release;
  if (!release) return null;
  const { repository: _repository, ...rest } = release;
  return rest;
}

describe('detectRelease from forge URLs', () => {
  it('reads GitHub release tags and spells the project as the title does', () => {
    expect(detectRelease('https://github.com/dino/dino/releases/tag/v0.4.3', 'Release Dino 0.4.3 · dino/dino', 'GitHub'))
      .toEqual({ project: 'Dino', version: '0.4.3' });
    expect(detectRelease('https://github.com/bjc/prosody/releases/tag/v0.12.4', 'Release v0.12.4 · bjc/prosody', 'GitHub'))
      .toEqual({ project: 'prosody', version: '0.12.4' });
  });

  it('reads GitLab release and tag pages, nested groups included', () => {
    expect(detectRelease('https://dev.gajim.org/gajim/gajim/-/releases/gajim_1.8.2', 'Gajim 1.8.2 · gajim / gajim · GitLab', 'GitLab'))
      .toEqual({ project: 'Gajim', version: '1.8.2' });
    expect(detectRelease('https://gitlab.com/group/sub/movim/-/tags/v0.22', 'v0.22 · Tags · movim · GitLab', null))
      .toEqual({ project: 'movim', version: '0.22' });
  });

  it('reads Codeberg/Forgejo/Gitea releases and src/tag pages', () => {
    expect(detectRelease('https://codeberg.org/Kaidan/Kaidan/releases/tag/v0.12.0', 'Release v0.12.0 · Kaidan/Kaidan', 'Codeberg.org'))
      .toEqual({ project: 'Kaidan', version: '0.12.0' });
    expect(detectRelease('https://git.example/cheogram/cheogram-android/src/tag/2.12.8-3', 'cheogram-android', null))
      .toEqual({ project: 'cheogram-android', version: '2.12.8-3' });
  });

  it('keeps pre-release suffixes and is null for a tag without a version', () => {
    expect(versionFromTag('v1.0.0-rc1', 'x')).toBe('1.0.0-rc1');
    expect(versionFromTag('prosody-0.12.4', 'prosody')).toBe('0.12.4');
    expect(detectRelease('https://github.com/o/r/releases/tag/nightly', 'nightly · o/r', 'GitHub')).toBeNull();
  });

  it('reads F-Droid package pages only with a version from the page', () => {
    expect(detectRelease('https://f-droid.org/en/packages/eu.siacs.conversations/', 'Conversations | F-Droid - Free and Open Source Android App Repository', 'F-Droid', 'v2.16.3'))
      .toEqual({ project: 'Conversations', version: '2.16.3' });
    expect(detectRelease('https://f-droid.org/packages/eu.siacs.conversations/', 'Conversations | F-Droid', 'F-Droid', null)).toBeNull();
  });
});

describe('detectRelease from announcement titles', () => {
  it.each([
    ['Gajim 1.8.2 released', 'Gajim', '1.8.2'],
    ['Release of Prosody 0.12.4', 'Prosody', '0.12.4'],
    ['ejabberd 23.10', 'ejabberd', '23.10'],
    ['Monal 6.0 released', 'Monal', '6.0'],
    ['Monocles Chat 2.0.1 has been released', 'Monocles Chat', '2.0.1'],
    ['Psi+ 1.5.1650 is out', 'Psi+', '1.5.1650'],
    ['Announcing Movim v0.23', 'Movim', '0.23'],
    ['Conversations 2.12.8-3: faster startup', 'Conversations', '2.12.8-3'],
    ['Openfire 4.8.0 release', 'Openfire', '4.8.0'],
    ['Kaidan 1.0.0-rc1 released', 'Kaidan', '1.0.0-rc1'],
  ])('%s', (title, project, version) => {
    expect(detectRelease(blog, title, null)).toEqual({ project, version });
  });
});

describe('detectRelease false positives', () => {
  it.each([
    'Top 10 tips for 2024',
    'Windows 11',
    'Windows 11 is here to stay',
    'The state of XMPP in 2023.10',
    'Meetup on 2024.03.15',
    'How to install Python 3.12 on Debian',
    'Release of the 2023 annual report',
    'Our plans for 2024: a new website',
    'Why we moved to XMPP',
    'FOSDEM 2024 recap',
    'Version control for beginners',
  ])('"%s" is not a release', (title) => {
    expect(detectRelease(blog, title, null)).toBeNull();
  });

  it('accepts a bare major version only when the title says released', () => {
    expect(detectRelease(blog, 'Windows 11 released', null)).toEqual({ project: 'Windows', version: '11' });
  });
});
