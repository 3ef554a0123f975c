/** <meta> tags by name/property, read once per page. Keys are lower case. */
export type MetaTags = ReadonlyMap<string, readonly string[]>;

export function readMetaTags(doc: Document): MetaTags {
  const tags = new Map<string, string[]>();
  for (const meta of doc.querySelectorAll('meta[content]')) {
    const content = meta.getAttribute('content')?.trim();
    if (!content) continue;
    // Some sites put OpenGraph keys in name=, others in property=; accept both.
    for (const attr of ['property', 'name', 'itemprop']) {
      const key = meta.getAttribute(attr)?.trim().toLowerCase();
      if (!key) continue;
      const list = tags.get(key) ?? [];
      list.push(content);
      tags.set(key, list);
    }
  }
  return tags;
}

/** First value among the keys, in the order given. */
export function firstMeta(tags: MetaTags, ...keys: string[]): string | null {
  for (const key of keys) {
    const value = tags.get(key)?.[0];
    if (value) return value;
  }
  return null;
}

export function allMeta(tags: MetaTags, key: string): readonly string[] {
  return tags.get(key) ?? [];
}
