/**
 * What an entry template needs to know about a page, as plain facts: the release's project,
 * its home page and category from the community's software list, the version and where it is
 * published; a XEP's number, version, remarks, credit and Last Call dates; a talk's channel;
 * an event's dates and place; an article's author, day and summary. Newsletter entry
 * templates (issue 11) fill their placeholders from these; draftEntry's built-in wording uses
 * the same facts.
 */
import { isProjectSite, matchSoftware } from '../categorize/software/match';
import { softwareListFor } from '../categorize/software/lists';
import { calendarDay } from '../extract/dates';
import type { PageCapture, XepRevision } from '../model/capture';
import type { NewsletterPreset } from '../presets/types';
import { formatDateRange } from '../summarize/dates';
import { leadSentences } from '../summarize/lead';

export interface ReleaseFacts {
  kind: 'release';
  /** As the newsletter writes it: the software list's name when the page's project is in it. */
  project: string;
  /** The project as the page names it. */
  projectOnPage: string;
  /** The project's home page (software list, else its repository), when known. */
  homepage: string | null;
  /** "client", "server", "library" … from the software list. */
  categories: string[];
  version: string;
  /** All versions this page announces (one, today). */
  versions: string[];
  /** Where this release is published: the page itself. */
  releaseUrl: string;
  repository: string | null;
}

export interface XepFacts {
  kind: 'xep';
  number: string | null;
  title: string;
  /** https://xmpp.org/extensions/xep-NNNN.html (the inbox address for a ProtoXEP). */
  url: string;
  version: string | null;
  status: string | null;
  abstract: string | null;
  /** The month's revisions, newest first; each with its remarks and the credit as the page gives it. */
  revisions: XepRevision[];
  lastCall: { begins: string | null; ends: string } | null;
  /** The announcement the page is (a mailing-list message), when it is one. */
  announcementUrl: string | null;
}

export interface PageFacts {
  kind: 'article' | 'video' | 'event' | 'social' | 'mailing-list' | 'page' | 'error';
  title: string;
  url: string;
  site: string | null;
  authors: string[];
  /** The page's own calendar day (YYYY-MM-DD), never moved to another zone. */
  day: string | null;
  /** The sentences an entry would summarize from, best first. */
  summary: string[];
  language: string | null;
  video: { channel: string | null; duration: string | null; host: string | null } | null;
  event: { dates: string | null; place: string | null } | null;
  /** What the popup tells the user about an error page. */
  problem: string | null;
}

export type EntryFacts = ReleaseFacts | XepFacts | PageFacts;

function xepUrl(capture: PageCapture): string {
  const number = capture.xep?.number;
  if (number && capture.kind !== 'xep') return `https://xmpp.org/extensions/xep-${number}.html`;
  return capture.canonicalUrl || capture.url;
}

/** A repository address (the list keeps them lower case) as the release's own address spells it. */
function asWritten(repository: string | null, releaseUrl: string): string | null {
  if (!repository) return null;
  return releaseUrl.toLowerCase().startsWith(repository.toLowerCase()) ? releaseUrl.slice(0, repository.length) : repository;
}

/** The facts of a captured page for an entry of `preset`'s newsletter. */
export function entryFacts(capture: PageCapture, preset: NewsletterPreset): EntryFacts {
  if (capture.xep) {
    const xep = capture.xep;
    const revisions: XepRevision[] = xep.revisions?.length
      ? xep.revisions
      : xep.version
        ? [{ version: xep.version, date: xep.lastUpdated, initials: xep.initials, remarks: xep.changes }]
        : [];
    return {
      kind: 'xep',
      number: xep.number,
      title: xep.title,
      url: xepUrl(capture),
      version: xep.version,
      status: xep.status,
      abstract: xep.abstract,
      revisions,
      lastCall: xep.lastCallEnds ? { begins: xep.lastCallBegins ?? null, ends: xep.lastCallEnds } : null,
      announcementUrl: capture.kind === 'mailing-list' ? capture.canonicalUrl : null,
    };
  }
  if (capture.release) {
    const list = softwareListFor(preset);
    const match = list ? matchSoftware({ url: capture.url, title: capture.title, project: capture.release.project }, list) : null;
    const releaseUrl = capture.canonicalUrl || capture.url;
    // A release announced on the project's own site (gajim.org/post/…): that site is its home.
    const ownSite = isProjectSite(releaseUrl) ? `${new URL(releaseUrl).origin}/` : null;
    return {
      kind: 'release',
      project: match?.project.name ?? capture.release.project,
      projectOnPage: capture.release.project,
      homepage: match?.project.url ?? ownSite ?? capture.release.repository?.url ?? asWritten(match?.repository ?? null, releaseUrl),
      categories: match?.project.categories ?? [],
      version: capture.release.version,
      versions: [capture.release.version],
      releaseUrl: capture.canonicalUrl || capture.url,
      repository: capture.release.repository?.url ?? match?.repository ?? null,
    };
  }
  const kind = capture.kind === 'release' || capture.kind === 'xep' ? 'page' : capture.kind;
  return {
    kind,
    title: capture.title,
    url: capture.canonicalUrl || capture.url,
    site: capture.siteName,
    authors: capture.authors,
    day: capture.publishedAt ? calendarDay(capture.publishedAt) : null,
    summary: leadSentences(capture),
    language: capture.language,
    video: capture.video ? { channel: capture.video.channel, duration: capture.video.duration, host: capture.video.host ?? null } : null,
    event: capture.event
      ? { dates: formatDateRange(capture.event.startDate, capture.event.endDate), place: capture.event.locality ?? capture.event.location ?? null }
      : null,
    problem: capture.error?.message ?? null,
  };
}
