/**
 * What an entry the newsletter published (or an editor wrote) teaches about a project: its
 * home page and what it is, in the newsletter's own words. "[Gajim](https://gajim.org/) has
 * released version [2.4.7](…) of its free and fully featured chat app for XMPP." gives
 * Gajim → https://gajim.org/, "free and fully featured chat app for XMPP"; "[QXmpp](…), the
 * cross-platform C++ XMPP client and server library, version …" gives the phrase after "the".
 * The next release of that project is drafted with them.
 */
export interface ProjectNote {
  /** As the entry names it. */
  project: string;
  homepage: string | null;
  description: string | null;
}

const LINKED_NAME = /^\[([^\]\n]{1,80})\]\((https?:\/\/[^)\s]{1,300})\)/;
const OF_ITS = /\bhas released (?:versions? )?.{0,400}? of (?:its|their) (.{4,140}?)\.(?:\s|$)/;
const APPOSITION = /^, (?:the|an?) ([^,[\]\n]{4,140}?),? (?:versions? \[|has released|is now)/;

/** The note an entry gives, or null when it is not a release entry of that shape. */
export function projectNote(entry: string): ProjectNote | null {
  const firstLine = entry.split('\n', 1)[0] ?? '';
  const linked = LINKED_NAME.exec(firstLine);
  if (!linked) return null;
  const [head, project, homepage] = linked as unknown as [string, string, string];
  const rest = firstLine.slice(head.length);
  const ofIts = /^ has released /.test(rest) ? OF_ITS.exec(rest) : null;
  const apposition = APPOSITION.exec(rest);
  const raw = ofIts?.[1] ?? apposition?.[1] ?? null;
  // A phrase holding links or code is the editor's prose, not a description to reuse.
  const description = raw && !/[[\]`*_<>]/.test(raw) ? raw.trim() : null;
  if (!ofIts && !apposition && !/^ (?:has released|versions? \[)/.test(rest)) return null;
  return { project: unescapeName(project), homepage, description };
}

function unescapeName(text: string): string {
  return text.replace(/\\([\\`*_[\]<>|~#+.!-])/g, '$1').trim();
}
