import type { PageCapture } from '../utils/model/capture';
import { shortDate } from './format';

/** Site, author and date as found on the page; a missing one is said to be missing. */
export function ClipFacts({ capture }: { capture: PageCapture }) {
  const host = (() => {
    try {
      return new URL(capture.canonicalUrl).hostname;
    } catch {
      return capture.canonicalUrl;
    }
  })();
  return (
    <>
      <div class="url" data-testid="canonical-url" title={capture.canonicalUrl}>
        {capture.canonicalUrl}
      </div>
      <ul class="facts">
        <li data-testid="site">{capture.siteName ?? host}</li>
        <li data-testid="author">{capture.authors.length ? capture.authors.join(', ') : 'no author found'}</li>
        <li data-testid="date">{capture.publishedAt ? shortDate(capture.publishedAt) : 'no date found'}</li>
        {capture.release && <li data-testid="release">{`${capture.release.project} ${capture.release.version}`}</li>}
      </ul>
    </>
  );
}
