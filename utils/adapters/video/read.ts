/**
 * Video and talk pages: schema.org VideoObject (JSON-LD or microdata), og:video, and the video
 * sites in hosts.json (YouTube, PeerTube, Vimeo, media.ccc.de, FOSDEM).
 */
import { listOf, textOf, typesOf, type JsonLdNode } from '../../extract/jsonld';
import { clean } from '../../extract/text';
import type { PageAdapter, PageContext } from '../types';
import type { VideoInfo } from './fields';
import data from './hosts.json';

interface VideoHost {
  site: string;
  host: RegExp;
  path: RegExp;
  channel?: string;
}

const VIDEO_HOSTS: readonly VideoHost[] = data.hosts.map((h) => ({
  site: h.site,
  host: new RegExp(h.host, 'i'),
  path: new RegExp(h.path, 'i'),
  channel: 'channel' in h ? h.channel : undefined,
}));

function hostOf(url: string): VideoHost | null {
  try {
    const u = new URL(url);
    return VIDEO_HOSTS.find((h) => h.host.test(u.hostname) && h.path.test(u.pathname)) ?? null;
  } catch {
    return null;
  }
}

export function isVideoUrl(url: string): boolean {
  return hostOf(url) !== null;
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

function videoNode(nodes: readonly JsonLdNode[]): JsonLdNode | null {
  return nodes.find((n) => typesOf(n).includes('VideoObject')) ?? null;
}

/** Null when the page shows no sign of being a video. */
export function readVideo(doc: Document, url: string, nodes: readonly JsonLdNode[]): VideoInfo | null {
  const video = videoNode(nodes);
  const ogType = meta(doc, 'og:type') ?? '';
  const hasMicrodata = doc.querySelector('[itemtype*="schema.org/VideoObject" i]') !== null;
  const host = hostOf(url);
  if (!video && !hasMicrodata && !ogType.startsWith('video') && !host) return null;

  const fromJsonLd = video
    ? listOf(video['author'] ?? video['creator'] ?? video['publisher'], nodes).map((a) => textOf(a, nodes)).find((n) => n)
    : null;
  return {
    channel: clean(fromJsonLd) || channelFromMarkup(doc) || clean(meta(doc, 'author', 'video:director')) || host?.channel || null,
    duration: toIsoDuration(
      (video ? textOf(video['duration'], nodes) : null) ?? meta(doc, 'duration', 'og:video:duration', 'video:duration'),
    ),
    ...(host ? { host: host.site } : {}),
  };
}

/** A page counts as a video when it is on a video site or says it is one (VideoObject, og:type video.*). */
function looksLikeVideo(page: PageContext): boolean {
  return isVideoUrl(page.url) || page.meta.schemaTypes.includes('VideoObject') || (page.meta.ogType ?? '').startsWith('video');
}

export const video: PageAdapter = {
  id: 'video',
  kind: 'video',
  detect: looksLikeVideo,
  read: (page) => {
    const info = readVideo(page.doc, page.url, page.meta.jsonLd);
    return info ? { video: info } : null;
  },
};
