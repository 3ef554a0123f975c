import { describe, expect, it } from 'vitest';
import { xmppNewsletter2023 as xmppNewsletter } from '../../../utils/presets/xmpp-2023';
import { draftEntry } from '../../../utils/summarize/entry';
import { releasePoint, releasePoints, releasePredicate, whatsNewSentences } from '../../../utils/summarize/release-notes';
import { capture } from './captures';

const preset = xmppNewsletter;

describe('release notes as the newsletter reads them', () => {
  it('turns changelog verbs into noun phrases and drops imperative fragments', () => {
    expect(releasePoint('Add support for XEP-0444: Message Reactions', preset)).toEqual({ phrase: 'support for XEP-0444: Message Reactions', fix: false });
    expect(releasePoint('Fix a crash when joining (#1467)', preset)).toEqual({ phrase: 'a fix for a crash when joining', fix: true });
    expect(releasePoint('MUC: Fix password handling', preset)).toEqual({ phrase: 'a fix for password handling (MUC)', fix: true });
    // "Show …", "Rejoin …" cannot follow "bringing"; they are left out rather than mangled.
    expect(releasePoint('Message moderation: Show the moderator\'s reason', preset)).toBeNull();
    expect(releasePoint('Group chats: Rejoin after the server restarted', preset)).toBeNull();
    expect(releasePoint("Don't send chat states to group chats", preset)).toBeNull();
    expect(releasePoint('Better support for gateways', preset)).toEqual({ phrase: 'better support for gateways', fix: false });
  });

  it('ranks "New"/"Features" points before other lists and bug fixes last', () => {
    const notes = '## Bug fixes\n\n- Fix reconnecting\n\n## Features\n\n- Add message reactions\n- Invite contacts by QR code\n';
    expect(releasePoints(notes, preset).map((p) => p.phrase)).toEqual(['message reactions', 'a fix for reconnecting']);
  });

  it('finds the sentence whose subject is the release, not the project', () => {
    const sentences = ['Gajim is a free XMPP client.', 'Gajim 1.8.2 comes with better support for gateways and improved group chats.'];
    expect(releasePredicate(sentences, 'Gajim', '1.8.2', 'Gajim 1.8.2 released')?.rest).toBe('comes with better support for gateways and improved group chats.');
    expect(releasePredicate(['Gajim 1.8.2 is out!'], 'Gajim', '1.8.2', 'Gajim 1.8.2 released')).toBeNull();
    expect(releasePredicate(['Gajim is a free XMPP client which puts you in control.'], 'Gajim', '1.8.2', 'Gajim 1.8.2')).toBeNull();
  });

  it('reads a "What\'s New" paragraph (F-Droid, app stores)', () => {
    const md = 'An XMPP app.\n\n### What\'s New\n\nCustom chat backgrounds and Material Design 3. Many smaller fixes.\n\n### Links\n\n- [Source](x)';
    expect(whatsNewSentences(md)).toEqual(['Custom chat backgrounds and Material Design 3.', 'Many smaller fixes.']);
  });

  it('prefers the description sentence when the notes are imperative fragments', () => {
    const page = capture({
      url: 'https://gajim.org/post/gajim-1.8.2/',
      title: 'Gajim 1.8.2 released',
      kind: 'release',
      release: { project: 'Gajim', version: '1.8.2' },
      description: 'Gajim 1.8.2 brings a fix for joining group chats and improvements for message moderation.',
      contentMarkdown: '## Changes\n\n- Group chats: Rejoin after the server restarted\n- Message moderation: Show the moderator\'s reason\n',
    });
    expect(draftEntry(page, preset, 'clients')).toBe(
      '[Gajim 1.8.2](https://gajim.org/post/gajim-1.8.2/) brings a fix for joining group chats and improvements for message moderation.',
    );
  });

  it('keeps inline code in points: "<mechanisms/>" is not taken for HTML (and is escaped in the entry)', () => {
    const page = capture({
      url: 'https://example.org/r',
      title: 'nbxmpp 4.5.0',
      kind: 'release',
      release: { project: 'nbxmpp', version: '4.5.0' },
      contentMarkdown: '- Fix a crash on an empty `<mechanisms/>` element\n- Fix reconnecting\n',
    });
    expect(draftEntry(page, preset, 'libraries')).toBe(
      '[nbxmpp 4.5.0](https://example.org/r) has been released, bringing fixes for a crash on an empty \\<mechanisms/\\> element and reconnecting.',
    );
  });
});
