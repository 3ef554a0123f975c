/**
 * XEP entries as the newsletter writes them:
 *   updated / new / stable   "Version 0.4.0 of [XEP-0424](url) (Message Retraction)" + one
 *                            nested line per remark, the editor's credit as the page gives it
 *   proposed (ProtoXEP)      "[Title](url)" + the abstract
 *   last call                "Last Call for comments on [XEP-0377](url) (Title)" + its dates,
 *                            "[Last Call](announcement) …" when clipped from the announcement
 *   status-only change       "[XEP-0248](url) (Title)": a XEP deferred, deprecated or rejected
 *                            without a revision of its own gets no old revision's remarks
 * Remarks are never cut: the newsletter prints them in full.
 */
import { escapeInline, mdLink, oneLine, safeUrl } from '../../markdown/escape';
import { enteringRevision, effectiveXepStatus, LAST_CALL_DAYS, xepSection } from '../../categorize/xep-section';
import type { NewsletterPreset, SectionDef, TemplateKind } from '../../presets/types';
import type { TemplateFill } from '../../templates/fill';
import { endWithStop, inlineMarkdown, link, linkUrl, MAX_LINK_TEXT, cutPlain, siteLink, type EntryContext } from '../../summarize/compose';
import { fitSentences } from '../../summarize/fit';
import { leadSentences } from '../../summarize/lead';
import { splitSentences } from '../../summarize/sentences';
import type { InlinePart } from '../fields';
import type { XepInfo, XepRevision } from './fields';
import { sameStatus } from './read';

type LinkStyle = Pick<NewsletterPreset, 'siteUrl' | 'siteRelativeLinks'>;

/** Statuses a XEP can be moved to without a new revision of its text. */
const STATUS_ONLY = ['Deferred', 'Deprecated', 'Obsolete', 'Rejected', 'Retracted'];

function statusesOf(section: SectionDef | undefined): string[] {
  return (section?.hints?.xepStatuses ?? []).map((s) => s.toLowerCase());
}

/** Sections for XEPs not yet numbered show title and abstract instead of a version. */
function isProtoXepSection(section: SectionDef | undefined): boolean {
  return statusesOf(section).includes('protoxep');
}

/** The Last Call section takes Proposed XEPs (and nothing else). */
function isLastCallSection(section: SectionDef | undefined): boolean {
  const statuses = statusesOf(section);
  return statuses.length > 0 && statuses.every((s) => s === 'proposed');
}

function xepUrl(number: string): string {
  return `https://xmpp.org/extensions/xep-${number}.html`;
}

function daysBefore(isoDate: string, days: number): string | null {
  const time = Date.parse(`${isoDate}T12:00:00Z`);
  if (Number.isNaN(time)) return null;
  return new Date(time - days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Code the remark writes as plain text, the way the newsletter prints it: an element
 * ("<file>", "<retracted/>"), a quoted identifier ("'key'" → key) or one with "_", "#" or ":"
 * inside it ("roomconfig_roomsecret", "pubsub#notify_config", "urn:xmpp:tm:1").
 */
const CODE_IN_TEXT = /<\/?[A-Za-z][\w:.-]*(?:\s[^<>]*)?\/?>|'([A-Za-z][\w:#./@-]*)'|(?<![\w/])(?!https?:)[A-Za-z][\w.-]*[_#:][\w.#:-]*[A-Za-z0-9](?![\w/])/g;

function markCode(parts: readonly InlinePart[]): InlinePart[] {
  const out: InlinePart[] = [];
  for (const part of parts) {
    if (part.code) {
      out.push(part);
      continue;
    }
    let last = 0;
    for (const match of part.text.matchAll(CODE_IN_TEXT)) {
      if (match.index > last) out.push({ text: part.text.slice(last, match.index) });
      out.push({ text: match[1] ?? match[0], code: true });
      last = match.index + match[0].length;
    }
    if (last < part.text.length) out.push({ text: part.text.slice(last) });
  }
  return out;
}

/** Applies `fn` to the Markdown outside code spans (a mention inside code stays code). */
function outsideCode(markdown: string, fn: (text: string) => string): string {
  return markdown
    .split(/(`+[^`]*`+)/)
    .map((piece, i) => (i % 2 === 1 ? piece : fn(piece)))
    .join('');
}

/**
 * Mentions of other XEPs and of RFCs link to them, as the newsletter does ("[RFC 4796](…)"
 * in the 2025-11 and 2026-04 issues); the XEP itself is not linked.
 */
function linkMentions(markdown: string, self: string | null, preset: LinkStyle): string {
  return outsideCode(markdown, (text) =>
    text
      .replace(/(?<![\w[/-])XEP-(\d{4})(?![\w\]])/g, (whole, number: string) => (number === self ? whole : siteLink(whole, xepUrl(number), preset)))
      .replace(/(?<![\w[/-])RFC ?(\d{3,5})(?![\w\]])/g, (_whole, number: string) => link(`RFC ${number}`, `https://datatracker.ietf.org/doc/html/rfc${number}`)),
  );
}

/**
 * The abstract as the newsletter prints it: whole, with its code and mentions marked like a
 * remark's; cut at a sentence (plain) only when longer than the entry's budget.
 */
function abstractMarkdown(text: string, self: string | null, preset: LinkStyle, max: number): string {
  const whole = inlineMarkdown(markCode([{ text }]));
  if (whole.length <= max) return linkMentions(endWithStop(whole, max), self, preset);
  return linkMentions(endWithStop(fitSentences(splitSentences(text), max, max), max), self, preset);
}

/** One nested line per remark, code kept as code; the credit after the last remark. */
function remarkLines(revisions: readonly XepRevision[], self: string | null, preset: LinkStyle): string {
  const lines: string[] = [];
  for (const revision of revisions) {
    const parts = revision.remarkParts ?? revision.remarks.map((text) => [{ text }]);
    const texts = parts.map((p) => linkMentions(inlineMarkdown(markCode(p)), self, preset)).filter((t) => t !== '');
    const credit = oneLine(revision.initials ?? '');
    if (texts.length === 0 && credit) texts.push('');
    texts.forEach((text, i) => {
      const last = i === texts.length - 1;
      lines.push(`${text}${last && credit ? `${text ? ' ' : ''}(${escapeInline(credit)})` : ''}`);
    });
  }
  return lines.map((line) => `\n  - ${line}`).join('');
}

/** The page's revisions as a list: the month's from the history, else the latest from its fields. */
function monthRevisions(xep: XepInfo): XepRevision[] {
  if (xep.revisions && xep.revisions.length > 0) return xep.revisions;
  if (!xep.version && xep.changes.length === 0) return [];
  return [{ version: xep.version ?? '', date: xep.lastUpdated, initials: xep.initials, remarks: xep.changes }];
}

/**
 * Which of the month's revisions this section's entry tells, oldest first: in the section for
 * XEPs that just entered their status (New, Stable) the revision that moved it there; in the
 * general one (Updated) the revisions since; otherwise all of the month's.
 */
function revisionsFor({ preset, section }: EntryContext, xep: XepInfo, status: string | null): XepRevision[] {
  const month = monthRevisions(xep);
  const entering = status ? enteringRevision(xep, status) : null;
  if (!entering || !status) return [...month].reverse();
  const specific = xepSection(preset, status, xep.version, true);
  if (section && section === specific) return [entering];
  const newer = month.slice(0, month.indexOf(entering));
  return newer.length > 0 ? [...newer].reverse() : [entering];
}

/** The XEP's title as shown after its link, cut to MAX_LINK_TEXT, escaped; '' without a number. */
function shownTitle(xep: XepInfo, fallbackTitle: string): string {
  const title = oneLine(xep.title) || fallbackTitle;
  const shown = title.length > MAX_LINK_TEXT ? cutPlain(title, MAX_LINK_TEXT) : title;
  return xep.number && shown ? escapeInline(shown) : '';
}

/** Which of the newsletter's XEP entry forms a section takes. */
type XepForm = 'proposed' | 'last-call' | 'status-only' | 'revision';

/**
 * Everything a XEP entry is made of, escaped, for the built-in wording and for the
 * newsletter's templates alike: the link (named "XEP-0424", else the title), the title after
 * it, the version the entry tells and its remark lines, the abstract, the Last Call's thread
 * and dates.
 */
export interface XepParts {
  form: XepForm;
  /** "[XEP-0424](…)", or the title linked for a XEP without a number. */
  xepLink: string;
  xepNumber: string;
  /** The title after the link, escaped; '' for a XEP without a number (its title is the link). */
  xepTitle: string;
  version: string;
  /** Nested remark lines ("\n  - …"). */
  changes: string;
  /** The abstract in whole sentences within the budget, escaped. */
  abstract: string;
  /** The announcement's address, when clipped from it. */
  thread: string | null;
  lastCallStart: string;
  lastCallEnd: string;
}

function xepForm({ capture, section }: EntryContext, xep: XepInfo): XepForm {
  if (isProtoXepSection(section)) return 'proposed';
  if (isLastCallSection(section)) return 'last-call';
  const status = effectiveXepStatus(xep, capture.url);
  // Moved to Deferred/Deprecated/… without a revision saying so: the latest revision is old news.
  // Only in the section of that status: filed under Updated, the entry tells the revision (a
  // Deferred XEP revised this month, as the XEP history knows).
  const statusOnly =
    status !== null &&
    STATUS_ONLY.some((s) => sameStatus(s, status)) &&
    !enteringRevision(xep, status) &&
    (section === undefined || statusesOf(section).some((s) => sameStatus(s, status)));
  return statusOnly && xep.revisions !== undefined ? 'status-only' : 'revision';
}

export function xepParts(context: EntryContext, xep: XepInfo): XepParts {
  const { capture, preset, budget } = context;
  const form = xepForm(context, xep);
  const target = xep.number && capture.kind !== 'xep' ? xepUrl(xep.number) : linkUrl(capture);
  const name = xep.number ? `XEP-${xep.number}` : oneLine(xep.title) || capture.title;
  const revisions = form === 'revision' ? revisionsFor(context, xep, effectiveXepStatus(xep, capture.url)) : [];
  const abstractText = oneLine(xep.abstract ?? '') || (form === 'proposed' ? leadSentences(capture).join(' ') : '');
  const ends = xep.lastCallEnds ?? null;
  const begins = ends ? (xep.lastCallBegins ?? daysBefore(ends, LAST_CALL_DAYS)) : null;
  return {
    form,
    // A ProtoXEP's link is its title, to the inbox page it was clipped from.
    xepLink: form === 'proposed' ? siteLink(oneLine(xep.title) || capture.title, linkUrl(capture), preset) : siteLink(name, target, preset),
    xepNumber: xep.number ?? '',
    xepTitle: shownTitle(xep, capture.title),
    // A version is digits and dots; "0." must not be escaped as if it started a numbered list.
    version: (revisions[revisions.length - 1]?.version || (form === 'revision' ? xep.version : '') || '').replace(/[^\w.+-]/g, ''),
    changes: remarkLines(revisions, xep.number, preset),
    abstract: abstractText ? abstractMarkdown(abstractText, xep.number, preset, budget.max) : '',
    thread: capture.kind === 'mailing-list' ? linkUrl(capture) : (xep.lastCallThread ?? null),
    lastCallStart: begins ? escapeInline(begins) : '',
    lastCallEnd: ends ? escapeInline(ends) : '',
  };
}

/** The built-in wording (the newsletter's since 2019), from the parts. */
export function draftXep(context: EntryContext, xep: XepInfo): string {
  const parts = xepParts(context, xep);
  const titled = `${parts.xepLink}${parts.xepTitle ? ` (${parts.xepTitle})` : ''}`;
  switch (parts.form) {
    case 'proposed':
      return parts.abstract ? `${parts.xepLink}\n  - ${parts.abstract}` : parts.xepLink;
    case 'last-call': {
      // Clipped from the announcement: "Last Call" links it, as the newsletter does.
      const lastCall = parts.thread ? mdLink('Last Call', parts.thread) : 'Last Call';
      const head = `${lastCall} for comments on ${titled}`;
      if (!parts.lastCallEnd) return head;
      const when = parts.lastCallStart
        ? `This Last Call begins on ${parts.lastCallStart} and shall end at the close of business on ${parts.lastCallEnd}.`
        : `This Last Call shall end at the close of business on ${parts.lastCallEnd}.`;
      return `${head}\n  - ${when}`;
    }
    case 'status-only':
      return titled;
    case 'revision':
      return `${parts.version ? `Version ${parts.version} of ` : ''}${titled}${parts.changes}`;
  }
}

/** The newsletter's template for this XEP entry: Proposed, Last Call, New (entering Experimental) or any other change. */
export function xepTemplateKind(context: EntryContext, xep: XepInfo): TemplateKind {
  const form = xepForm(context, xep);
  if (form === 'proposed') return 'xep-proposed';
  if (form === 'last-call') return 'xep-last-call';
  const statuses = statusesOf(context.section);
  return statuses.length === 1 && statuses[0] === 'experimental' ? 'xep-new' : 'xep-update';
}

/** The values of the newsletter's XEP templates (utils/templates/names.ts). */
export function xepFill(context: EntryContext, xep: XepInfo): TemplateFill {
  const { thread, form: _form, ...parts } = xepParts(context, xep);
  return { values: { ...parts, thread: thread ? (safeUrl(thread) ?? '') : '' } };
}

export function appliesToXep({ capture, section }: EntryContext): XepInfo | null {
  return capture.xep && (section?.hints?.kinds ?? []).includes('xep') ? capture.xep : null;
}
