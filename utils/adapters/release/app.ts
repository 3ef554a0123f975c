/** What app-store listings (F-Droid, Google Play, the App Store) share: the version a page states. */
import { textOf, typesOf } from '../../extract/jsonld';
import type { PageContext } from '../types';
import { stripV } from './title';

/** "Version 2.12.8 (42108)", "Version 6.4.19", "v2.16.3" → "2.12.8"; null without a digit. */
export function versionFromText(text: string | null | undefined): string | null {
  const match = /^(?:version\s+)?(v?\d[\w.+~-]*)/i.exec((text ?? '').replace(/\s+/g, ' ').trim());
  return match?.[1] ? stripV(match[1]) : null;
}

/** schema.org SoftwareApplication's softwareVersion, when the listing states it. */
export function jsonLdSoftwareVersion(page: PageContext): string | null {
  const app = page.meta.jsonLd.find((n) => typesOf(n).some((t) => /Application$/.test(t)));
  return app ? versionFromText(textOf(app['softwareVersion'])) : null;
}

/** The app's name: the title before its first " - ", " | " or " on the " suffix. */
export function appName(title: string, suffixes: readonly RegExp[]): string {
  let name = title;
  for (const suffix of suffixes) name = name.replace(suffix, '');
  return name.split(/\s+[|–—-]\s+/)[0]?.trim() || title;
}
