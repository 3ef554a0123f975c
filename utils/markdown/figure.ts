import { oneLine } from './escape';

/**
 * A picture in the issue is a Hugo `figure` shortcode built from data (its file and caption),
 * never an image written into an entry: only files under the newsletter's own media path, so
 * no outside server learns who reads the issue.
 */

export interface Figure {
  /** Site path of the picture, e.g. "/images/newsletter/2023-11-05/certwatch-logo.svg". */
  src: string;
  caption: string | null;
  /** Text for readers who cannot see the picture. */
  alt?: string | null;
}

export class FigureError extends Error {
  override name = 'FigureError';
}

/** Characters a media path and a picture's path may use: no quotes, spaces, backslashes or "{". */
const SITE_PATH = /^\/(?:[A-Za-z0-9._~%+@-]+\/)*[A-Za-z0-9._~%+@-]*$/;

/** True when `src` is a file path inside `mediaPath` (both site paths starting with "/"). */
export function isUnderMediaPath(src: string, mediaPath: string): boolean {
  const base = mediaPath.endsWith('/') ? mediaPath : `${mediaPath}/`;
  if (!SITE_PATH.test(base) || !SITE_PATH.test(src)) return false;
  if (src.split('/').some((segment) => segment === '.' || segment === '..' || /%2e|%2f|%5c/i.test(segment))) return false;
  return src.startsWith(base) && src.length > base.length && !src.endsWith('/');
}

/**
 * The caption as a shortcode parameter. Hugo renders it as Markdown, so every ASCII
 * punctuation character but "," and "'" (which no syntax uses) becomes a numeric entity:
 * Markdown shows it as the character and never parses it, and no quote or backslash can end
 * the parameter.
 */
function captionParam(caption: string): string {
  return oneLine(caption)
    .replace(/[!"#$%&*+<=>[\\\]^_`{|}~]/g, (c) => `&#${c.charCodeAt(0)};`)
    // What could open a block at the start: a list ("- ", "1. ").
    .replace(/^-/, '&#45;')
    .replace(/^(\d+)([.)])/, (_, n: string, mark: string) => `${n}&#${mark.charCodeAt(0)};`);
}

/** `{{< figure src="…" caption="…" >}}`, or a FigureError when the file is outside the media path. */
export function figureShortcode(figure: Figure, mediaPath: string): string {
  if (!isUnderMediaPath(figure.src, mediaPath)) {
    throw new FigureError(`The picture "${figure.src}" is not a file under the newsletter's media path ${mediaPath}; only pictures from there are published.`);
  }
  const caption = captionParam(figure.caption ?? '');
  const alt = captionParam(figure.alt ?? '');
  return `{{< figure src="${figure.src}"${caption ? ` caption="${caption}"` : ''}${alt ? ` alt="${alt}"` : ''} >}}`;
}
