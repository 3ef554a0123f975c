import type { DraftItem } from './select';

/**
 * Several releases of one project in a month are one entry in the newsletter: "[Conversations]
 * (…) has released versions [2.19.13](…), [2.19.14](…) and [2.19.15](…) of its …". The items
 * stay separate in the collection (each is a clip of its own page, and each can be edited or
 * moved); the draft writes them as one, from the newest release's entry with its
 * "version [x](url)" widened to all of them, oldest first.
 *
 * Only entries as Newsdesk drafted them are combined: an entry an editor changed is theirs and
 * is written as they left it. An entry without the "version [x](…)" phrase (another wording)
 * stays on its own too.
 */

export interface GroupedRelease<T extends DraftItem> {
  /** The entry written for the group; the first item (in the section's order) stands for it. */
  item: T;
  /** The other items of the group, written into `item`'s entry. */
  merged: T[];
}

type ReleaseItem = DraftItem & { drafted?: string | undefined };

/** "version [2.4.7](url)" in an entry's first line, for the given version. */
function versionLink(entry: string, version: string): { start: number; end: number; link: string } | null {
  const firstLine = entry.split('\n', 1)[0] ?? '';
  for (const m of firstLine.matchAll(/\bversion (\[((?:[^\]\\\n]|\\.)+)\]\((?:[^()\s]|\([^()\s]*\))+\))/g)) {
    const label = m[2]!.replace(/\\(.)/g, '$1');
    if (label === version) return { start: m.index, end: m.index + m[0].length, link: m[1]! };
  }
  return null;
}

/** Version order: numerically by their numbers ("2.19.9" < "2.19.13"), then as text. */
export function compareVersions(a: string, b: string): number {
  const pa = a.match(/\d+/g)?.map(Number) ?? [];
  const pb = b.match(/\d+/g)?.map(Number) ?? [];
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? -1) - (pb[i] ?? -1);
    if (d !== 0) return d;
  }
  return a.localeCompare(b);
}

function joinLinks(links: readonly string[]): string {
  return links.length <= 1 ? (links[0] ?? '') : `${links.slice(0, -1).join(', ')} and ${links[links.length - 1]}`;
}

/**
 * A section's items (in order) with the releases of one project combined. Returns the items
 * to write, in the same order (a group takes the place of its first item), and the groups.
 */
export function groupReleases<T extends ReleaseItem>(items: readonly T[]): { items: T[]; groups: Array<GroupedRelease<T>> } {
  const byProject = new Map<string, Array<{ item: T; version: string }>>();
  for (const item of items) {
    const project = item.release?.project?.trim().toLowerCase();
    const version = item.release?.version;
    if (!project || !version || item.drafted === undefined || item.entry !== item.drafted) continue;
    if (!versionLink(item.entry, version)) continue;
    const list = byProject.get(project) ?? [];
    // The same version clipped twice (two pages for one release) is one version.
    if (!list.some((r) => r.version === version)) list.push({ item, version });
    byProject.set(project, list);
  }
  const replaced = new Map<T, T>();
  const dropped = new Set<T>();
  const groups: Array<GroupedRelease<T>> = [];
  for (const releases of byProject.values()) {
    if (releases.length < 2) continue;
    const sorted = [...releases].sort((a, b) => compareVersions(a.version, b.version));
    const newest = sorted[sorted.length - 1]!;
    const at = versionLink(newest.item.entry, newest.version)!;
    const links = sorted.map((r) => versionLink(r.item.entry, r.version)!.link);
    const entry = `${newest.item.entry.slice(0, at.start)}versions ${joinLinks(links)}${newest.item.entry.slice(at.end)}`;
    const first = items.find((i) => releases.some((r) => r.item === i))!;
    const combined = { ...first, entry, title: newest.item.title, url: newest.item.url, figures: releases.flatMap((r) => r.item.figures ?? []) } as T;
    replaced.set(first, combined);
    for (const r of releases) if (r.item !== first) dropped.add(r.item);
    groups.push({ item: combined, merged: releases.map((r) => r.item).filter((i) => i !== first) });
  }
  if (groups.length === 0) return { items: [...items], groups };
  return { items: items.filter((i) => !dropped.has(i)).map((i) => replaced.get(i) ?? i), groups };
}
