/**
 * XEP pages as xmpp.org/extensions serves them (built by xsf/xeps' xep.xsl): the metadata table
 * at the top (#docmeta) and the revision history (ol.revision-history, newest first) at the end.
 */
import { normalizeDate } from '../../extract/dates';
import { clean } from '../../extract/text';
import type { PageAdapter } from '../types';
import type { XepInfo } from './fields';

/** xmpp.org/extensions/xep-0424.html, …/inbox/name.html (ProtoXEPs). */
export function isXepUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return /(^|\.)xmpp\.org$/.test(u.hostname) && /^\/extensions\/(?:inbox\/)?[\w.-]+\.html$/.test(u.pathname);
  } catch {
    return false;
  }
}

/** The <dd> that follows the <dt> with this label in the docmeta table. */
function docmeta(doc: Document, label: string): Element | null {
  for (const dt of doc.querySelectorAll('#docmeta dt, dl.compact dt')) {
    if (clean(dt.textContent).toLowerCase() === label.toLowerCase()) {
      const dd = dt.nextElementSibling;
      return dd?.nodeName === 'DD' ? dd : null;
    }
  }
  return null;
}

function statusOf(doc: Document): string | null {
  const dd = docmeta(doc, 'Status');
  if (!dd) return null;
  // The status word sits in a <p>; a long notice <div> follows it.
  const text = clean(dd.querySelector('p')?.textContent ?? dd.firstChild?.textContent);
  return text || null;
}

function latestRevision(doc: Document): Element | null {
  return doc.querySelector('ol.revision-history > li') ?? doc.querySelector('#appendix-revs ~ ol > li');
}

/** Remarks of one revision: one entry per list item, else one per paragraph. */
function remarksOf(revision: Element): string[] {
  const items = [...revision.querySelectorAll('li')].map((li) => clean(li.textContent));
  if (items.length > 0) return items.filter((t) => t !== '');
  return [...revision.querySelectorAll('p')].map((p) => clean(p.textContent)).filter((t) => t !== '');
}

/** "jcb" from "jcb" or "XEP Editor: dg". */
function initialsOf(revision: Element): string | null {
  const text = clean(revision.querySelector('.revision-author')?.textContent);
  const last = text.split(':').pop()?.trim();
  return last ? last : null;
}

export function readXep(doc: Document, url: string): XepInfo | null {
  if (!isXepUrl(url)) return null;
  const heading = clean(doc.querySelector('h1')?.textContent ?? doc.title);
  const headingMatch = /^XEP-(\d{4}|x{4}):\s*(.+)$/i.exec(heading);
  const urlNumber = /\/xep-(\d{4})\.html$/.exec(new URL(url).pathname)?.[1] ?? null;
  if (!headingMatch && !urlNumber) return null;

  const versionText = clean(docmeta(doc, 'Version')?.textContent);
  const versionMatch = /^(\d+(?:\.\d+)*)\s*(?:\((\d{4}-\d{2}-\d{2})\))?/.exec(versionText);
  const revision = latestRevision(doc);
  const revisionDate = /\((\d{4}-\d{2}-\d{2})\)/.exec(clean(revision?.querySelector('.revision-head')?.textContent))?.[1];
  const numberFromHeading = headingMatch?.[1] && /^\d{4}$/.test(headingMatch[1]) ? headingMatch[1] : null;

  return {
    number: urlNumber ?? numberFromHeading,
    title: headingMatch?.[2]?.trim() ?? heading,
    version: versionMatch?.[1] ?? null,
    status: statusOf(doc),
    abstract: clean(docmeta(doc, 'Abstract')?.textContent) || null,
    lastUpdated: normalizeDate(revisionDate ?? versionMatch?.[2] ?? null),
    changes: revision ? remarksOf(revision) : [],
    initials: revision ? initialsOf(revision) : null,
  };
}

export const xep: PageAdapter = {
  id: 'xep',
  kind: 'xep',
  detect: (page) => isXepUrl(page.url),
  read: (page) => {
    const info = readXep(page.doc, page.url);
    return info ? { xep: info } : null;
  },
};
