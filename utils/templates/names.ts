import type { TemplateKind } from '../presets/types';

/**
 * The values each kind of entry template may use, with what they hold: the newsletter editor
 * lists them next to the template, and the schema warns about a name the kind does not have
 * (a typo stays visible in the draft as "{naem}"). Every value is Markdown already escaped.
 */
export interface TemplateName {
  name: string;
  about: string;
}

const common: TemplateName[] = [
  { name: 'titleLink', about: 'the page title linked to the page: [Title](url)' },
  { name: 'title', about: 'the page title (escaped text)' },
  { name: 'url', about: 'the page address' },
  { name: 'lang', about: 'a language tag like " [DE]" for a page in another language, else empty' },
  { name: 'summary', about: 'sentences from the page, fitted to the entry budget' },
];

const xep: TemplateName[] = [
  { name: 'xepLink', about: 'the XEP linked on the site: [XEP-0461](/extensions/xep-0461.html)' },
  { name: 'xepNumber', about: 'the number, e.g. 0461' },
  { name: 'xepTitle', about: 'the XEP’s title, e.g. Message Replies' },
  { name: 'version', about: 'the version the entry tells, e.g. 0.2.1' },
  { name: 'changes', about: 'one nested line per remark of the revisions ("\\n  - …"), the credit after the last' },
  { name: 'abstract', about: 'the XEP’s abstract' },
  { name: 'thread', about: 'the announcement on the mailing list, when clipped from it' },
  { name: 'lastCallStart', about: 'the first day of the Last Call (YYYY-MM-DD)' },
  { name: 'lastCallEnd', about: 'the last day of the Last Call (YYYY-MM-DD)' },
];

export const TEMPLATE_NAMES: Readonly<Record<TemplateKind, readonly TemplateName[]>> = {
  release: [
    ...common,
    { name: 'projectLink', about: 'the project linked to its home page: [Gajim](https://gajim.org/)' },
    { name: 'project', about: 'the project’s name as the newsletter writes it' },
    { name: 'versions', about: '"version [2.4.7](release url)", or "versions [a](…), [b](…) and [c](…)" for several releases in the issue' },
    { name: 'version', about: 'the newest version number' },
    { name: 'releaseLink', about: 'the project and version linked to the release: [Gajim 2.4.7](url)' },
    { name: 'description', about: 'what the project is, as the newsletter wrote it before ("free and fully featured chat app for XMPP")' },
  ],
  'xep-update': [...common, ...xep],
  'xep-new': [...common, ...xep],
  'xep-proposed': [...common, ...xep],
  'xep-last-call': [...common, ...xep],
  article: [
    ...common,
    { name: 'author', about: 'the author(s) as the page names them' },
    { name: 'site', about: 'the site’s name' },
    { name: 'siteLink', about: 'the site’s name linked to its home page: [Movim Blog](https://…)' },
    { name: 'date', about: 'the page’s own day, e.g. March 14, 2026' },
  ],
  video: [
    ...common,
    { name: 'channel', about: 'who published the video or gave the talk' },
    { name: 'duration', about: 'the video’s length, e.g. 42:10' },
  ],
  event: [
    ...common,
    { name: 'when', about: 'the event’s dates, e.g. November 18–19, 2026' },
    { name: 'where', about: 'where it takes place' },
  ],
  announcement: [...common, { name: 'date', about: 'the page’s own day' }],
};

/** What each kind of entry is called in the editor and in its messages ("Entry form for releases"). */
export const TEMPLATE_KIND_LABELS: Readonly<Record<TemplateKind, string>> = {
  release: 'releases',
  'xep-update': 'XEP updates',
  'xep-new': 'new XEPs',
  'xep-proposed': 'proposed XEPs',
  'xep-last-call': 'XEP Last Calls',
  article: 'articles',
  video: 'videos and talks',
  event: 'events',
  announcement: 'announcements',
};

/** The values of the front matter teaser (utils/export/summary.ts). */
export const SUMMARY_NAMES: readonly TemplateName[] = [
  { name: 'highlights', about: 'announcements, events, articles and videos by title: "XMPP Summit 29, and two more"' },
  { name: 'releases', about: '"Update your clients with A, B and C and your servers with D", empty without releases' },
  { name: 'xeps', about: '"a proposed XEP, four updated ones, and a Last Call", empty without XEP news' },
];

/** The values of one line of the translations list (utils/export/team.ts). */
export const TRANSLATION_LINE_NAMES: readonly TemplateName[] = [
  { name: 'language', about: 'the language, e.g. French' },
  { name: 'url', about: 'where the translations are published' },
  { name: 'translators', about: 'the translators, comma-separated' },
];

/** Names a template uses that its kind does not have (shown as a warning in the editor). */
export function unknownNames(kind: TemplateKind, used: readonly string[]): string[] {
  return unknownAmong(TEMPLATE_NAMES[kind], used);
}

/** Names among `used` that `known` does not list. */
export function unknownAmong(known: readonly TemplateName[], used: readonly string[]): string[] {
  const names = new Set(known.map((n) => n.name));
  return used.filter((name) => !names.has(name));
}
