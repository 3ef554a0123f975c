import type { PageCapture } from '../utils/model/capture';
import { middleSplit, shortDate } from './format';

/**
 * A copy from within the shortened URL gives the whole URL (its two halves are separate boxes,
 * which a plain copy would put on two lines).
 */
function copyWhole(event: ClipboardEvent, url: string): void {
  const line = event.currentTarget as HTMLElement;
  const selection = getSelection();
  if (!selection || selection.isCollapsed || !line.contains(selection.anchorNode) || !line.contains(selection.focusNode)) return;
  event.clipboardData?.setData('text/plain', url);
  event.preventDefault();
}

/**
 * The canonical link and what the page says about itself (site, author, date, release), one
 * line each. A missing fact is said to be missing. The dots between facts are decoration:
 * a screen reader hears "gajim.org, by Philipp Hörist, 29 Oct 2023".
 */
export function ClipFacts({ capture }: { capture: PageCapture }) {
  const host = (() => {
    try {
      return new URL(capture.canonicalUrl).hostname;
    } catch {
      return capture.canonicalUrl;
    }
  })();
  const url = middleSplit(capture.canonicalUrl);
  const facts: Array<[string, string]> = [
    ['site', capture.siteName ?? host],
    ['author', capture.authors.length ? `by ${capture.authors.join(', ')}` : 'no author found'],
    ['date', capture.publishedAt ? shortDate(capture.publishedAt) : 'no date found'],
  ];
  if (capture.release) facts.push(['release', `${capture.release.project} ${capture.release.version}`]);
  return (
    <>
      <div class="url" data-testid="canonical-url" title={capture.canonicalUrl} onCopy={(event) => copyWhole(event, capture.canonicalUrl)}>
        <span class="url-head">{url.head}</span>
        {url.tail && <span class="url-tail">{url.tail}</span>}
      </div>
      <p class="facts">
        {facts.map(([id, text], i) => (
          <span key={id}>
            {i > 0 && (
              <>
                <span class="visually-hidden">, </span>
                <span aria-hidden="true"> · </span>
              </>
            )}
            <span data-testid={id}>{text}</span>
          </span>
        ))}
      </p>
    </>
  );
}
