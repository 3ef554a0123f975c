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
import { escapeInline, mdLink, oneLine } from '../../markdown/escape';
import { enteringRevision, effectiveXepStatus, LAST_CALL_DAYS, xepSection } from '../../categorize/xep-section';
import type { SectionDef } from '../../presets/types';
import { endWithStop, inlineMarkdown, link, linkUrl, MAX_LINK_TEXT, cutPlain, type EntryContext } from '../../summarize/compose';
import { fitSentences } from '../../summarize/fit';
import { leadSentences } from '../../summarize/lead';
import { splitSentences } from '../../summarize/sentences';
import type { InlinePart } from '../fields';
import type { XepInfo, XepRevision } from './fields';
import { sameStatus } from './read';

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

/** Mentions of other XEPs link to them, as the newsletter does; the XEP itself is not linked. */
function linkXepMentions(markdown: string, self: string | null): string {
  return markdown.replace(/(?<![\w[/-])XEP-(\d{4})(?![\w\]])/g, (whole, number: string) =>
    number === self ? whole : mdLink(whole, xepUrl(number)),
  );
}

/** One nested line per remark, code kept as code; the credit after the last remark. */
function remarkLines(revisions: readonly XepRevision[], self: string | null): string {
  const lines: string[] = [];
  for (const revision of revisions) {
    const parts = revision.remarkParts ?? revision.remarks.map((text) => [{ text }]);
    const texts = parts.map((p) => linkXepMentions(inlineMarkdown(markCode(p)), self)).filter((t) => t !== '');
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

function titleSuffix(xep: XepInfo, fallbackTitle: string): string {
  const title = oneLine(xep.title) || fallbackTitle;
  const shown = title.length > MAX_LINK_TEXT ? cutPlain(title, MAX_LINK_TEXT) : title;
  return xep.number && shown ? ` (${escapeInline(shown)})` : '';
}

function draftProtoXep({ capture, budget }: EntryContext, xep: XepInfo): string {
  const title = oneLine(xep.title) || capture.title;
  const abstract = oneLine(xep.abstract ?? '') || leadSentences(capture).join(' ');
  const line = link(title, linkUrl(capture));
  // The abstract is a nested line of its own; whole sentences, within the same budget.
  const text = endWithStop(fitSentences(splitSentences(abstract), budget.max, budget.max), budget.max);
  return text ? `${line}\n  - ${text}` : line;
}

function draftLastCall({ capture }: EntryContext, xep: XepInfo): string {
  const target = xep.number ? xepUrl(xep.number) : linkUrl(capture);
  const name = xep.number ? `XEP-${xep.number}` : oneLine(xep.title) || capture.title;
  // Clipped from the announcement: "Last Call" links it, as the newsletter does.
  const lastCall = capture.kind === 'mailing-list' ? mdLink('Last Call', linkUrl(capture)) : 'Last Call';
  const head = `${lastCall} for comments on ${mdLink(name, target)}${titleSuffix(xep, capture.title)}`;
  const ends = xep.lastCallEnds ?? null;
  if (!ends) return head;
  const begins = xep.lastCallBegins ?? daysBefore(ends, LAST_CALL_DAYS);
  const when = begins
    ? `This Last Call begins on ${escapeInline(begins)} and shall end at the close of business on ${escapeInline(ends)}.`
    : `This Last Call shall end at the close of business on ${escapeInline(ends)}.`;
  return `${head}\n  - ${when}`;
}

export function draftXep(context: EntryContext, xep: XepInfo): string {
  const { capture, section } = context;
  if (isProtoXepSection(section)) return draftProtoXep(context, xep);
  if (isLastCallSection(section)) return draftLastCall(context, xep);
  const status = effectiveXepStatus(xep, capture.url);
  const target = xep.number && capture.kind !== 'xep' ? xepUrl(xep.number) : linkUrl(capture);
  const name = xep.number ? `XEP-${xep.number}` : oneLine(xep.title) || capture.title;
  const linked = `${mdLink(name, target)}${titleSuffix(xep, capture.title)}`;
  // Moved to Deferred/Deprecated/… without a revision saying so: the latest revision is old news.
  const statusOnly = status !== null && STATUS_ONLY.some((s) => sameStatus(s, status)) && !enteringRevision(xep, status);
  if (statusOnly && xep.revisions !== undefined) return linked;
  const revisions = revisionsFor(context, xep, status);
  const version = (revisions[revisions.length - 1]?.version || xep.version || '').replace(/[^\w.+-]/g, '');
  // A version is digits and dots; "0." must not be escaped as if it started a numbered list.
  return `${version ? `Version ${version} of ` : ''}${linked}${remarkLines(revisions, xep.number)}`;
}

export function appliesToXep({ capture, section }: EntryContext): XepInfo | null {
  return capture.xep && (section?.hints?.kinds ?? []).includes('xep') ? capture.xep : null;
}
