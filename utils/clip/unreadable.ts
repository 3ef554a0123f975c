/**
 * Pages the extension may not or cannot script, told apart before trying so the popup can say
 * why in plain words. Anything not caught here is still tried, and injection errors are
 * translated by `explainInjectionError`.
 */

const STORE_HOSTS = ['chromewebstore.google.com', 'chrome.google.com', 'addons.mozilla.org', 'microsoftedge.microsoft.com'];

export function unreadableReason(rawUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return 'This tab has no web address Newsdesk can read.';
  }
  switch (url.protocol) {
    case 'http:':
    case 'https:':
      break;
    case 'file:':
      return 'Newsdesk cannot read files on your computer unless you allow file access for it in the browser’s extension settings.';
    case 'view-source:':
      return 'This is a source view; open the page itself to clip it.';
    case 'chrome:':
    case 'edge:':
    case 'brave:':
    case 'about:':
    case 'chrome-extension:':
    case 'moz-extension:':
    case 'devtools:':
    case 'chrome-search:':
    case 'chrome-untrusted:':
      return 'This is one of the browser’s own pages, which extensions are not allowed to read.';
    default:
      return `Newsdesk can only read web pages, not ${url.protocol.replace(/:$/, '')} addresses.`;
  }
  if (STORE_HOSTS.includes(url.hostname) && /^\/(webstore|detail|addon|[a-z-]+\/firefox\/addon|addons)/.test(url.pathname + '/')) {
    return 'Browsers do not let extensions read their add-on store pages.';
  }
  if (/\.pdf$/i.test(url.pathname)) {
    return 'This looks like a PDF, which Newsdesk cannot read yet.';
  }
  return null;
}

/** Turn a scripting.executeScript failure into words a user understands. */
export function explainInjectionError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/cannot be scripted|extensions gallery/i.test(message)) {
    return 'Browsers do not let extensions read their add-on store pages.';
  }
  if (/error page/i.test(message)) {
    return 'This tab shows an error page, not the page itself.';
  }
  if (/Cannot access|permission|Missing host/i.test(message)) {
    return 'Newsdesk may only read a page after you click its toolbar button on that page. Click the Newsdesk button again.';
  }
  if (/No tab with id|tab was closed/i.test(message)) {
    return 'The tab was closed before Newsdesk could read it.';
  }
  if (/Frame with ID \d+ was removed|renderer|crashed/i.test(message)) {
    return 'The page stopped responding while Newsdesk read it (it may be very large or unusually built).';
  }
  if (/timed out/i.test(message)) {
    return 'The page took too long to read (it may be very large or still loading).';
  }
  return `Newsdesk could not read this page (${message}).`;
}
