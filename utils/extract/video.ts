/** Video pages: schema.org VideoObject (JSON-LD or microdata), og:video, YouTube/PeerTube/Vimeo. */
import type { VideoInfo } from '../model/capture';
import { listOf, readJsonLd, textOf, typesOf, type JsonLdNode } from './jsonld';
import { clean } from './text';

const VIDEO_HOSTS: ReadonlyArray<[RegExp, RegExp]> = [
  [/(^|\.)youtube\.com$/, /^\/(watch|shorts\/|live\/)/],
  [/^youtu\.be$/, /^\/[\w-]{6,}/],
  [/(^|\.)vimeo\.com$/, /^\/(\d+|channels\/[^/]+\/\d+)/],
  [/(^|\.)dailymotion\.com$/, /^\/video\//],
  // PeerTube instances live on any host; their watch paths are distinctive.
  [/./, /^\/(w\/[\w-]{10,}|videos\/watch\/[\w-]{10,})/],
];

export function isVideoUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return VIDEO_HOSTS.some(([host, path]) => host.test(u.hostname) && path.test(u.pathname));
  } catch {
    return false;
  }
}

/** ISO 8601 duration; og:video:duration and video:duration give seconds. */
export function toIsoDuration(raw: string | null | undefined): string | null {
  const text = raw?.trim();
  if (!text) return null;
  const iso = /^P(?!$)(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/i.exec(text);
  if (iso) {
    // Vimeo writes "PT00H30M54S"; the zero parts say nothing.
    const [, d, h, m, s] = iso;
    const part = (value: string | undefined, unit: string): string => (value && Number(value) > 0 ? `${Number(value)}${unit}` : '');
    const time = `${part(h, 'H')}${part(m, 'M')}${part(s, 'S')}`;
    const days = part(d, 'D');
    return days || time ? `P${days}${time ? `T${time}` : ''}` : 'PT0S';
  }
  if (!/^\d+$/.test(text)) return null;
  const total = Number(text);
  const h = Math.floor(total / 3600), m = Math.floor((total % 3600) / 60), s = total % 60;
  return `PT${h ? `${h}H` : ''}${m ? `${m}M` : ''}${s || total === 0 ? `${s}S` : ''}`;
}

function meta(doc: Document, ...keys: string[]): string | null {
  for (const key of keys) {
    const el = doc.querySelector(`meta[property="${key}"], meta[name="${key}"], meta[itemprop="${key}"]`);
    const value = el?.getAttribute('content')?.trim();
    if (value) return value;
  }
  return null;
}

function channelFromMarkup(doc: Document): string | null {
  // YouTube: <span itemprop="author"><link itemprop="name" content="…"></span>
  const micro = doc.querySelector('[itemprop="author"] [itemprop="name"]');
  const fromMicro = micro?.getAttribute('content') ?? micro?.textContent;
  if (clean(fromMicro)) return clean(fromMicro);
  const link = doc.querySelector('a[href*="/channel/"], a[href*="/@"], a[href*="/video-channels/"], a[href*="/c/"]');
  return clean(link?.textContent) || null;
}

/** Null when the page shows no sign of being a video. */
export function readVideo(doc: Document, url: string, nodes: readonly JsonLdNode[] = readJsonLd(doc)): VideoInfo | null {
  const video = nodes.find((n) => typesOf(n).includes('VideoObject')) ?? null;
  const ogType = meta(doc, 'og:type') ?? '';
  const hasMicrodata = doc.querySelector('[itemtype*="schema.org/VideoObject" i]') !== null;
  if (!video && !hasMicrodata && !ogType.startsWith('video') && !isVideoUrl(url)) return null;

  const fromJsonLd = video
    ? listOf(video['author'] ?? video['creator'] ?? video['publisher'], nodes).map((a) => textOf(a, nodes)).find((n) => n)
    : null;
  return {
    channel: clean(fromJsonLd) || channelFromMarkup(doc) || clean(meta(doc, 'author', 'video:director')) || null,
    duration: toIsoDuration(
      (video ? textOf(video['duration'], nodes) : null) ?? meta(doc, 'duration', 'og:video:duration', 'video:duration'),
    ),
  };
}
