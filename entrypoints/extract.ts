/**
 * Injected on demand into the tab the user clicked (scripting.executeScript with
 * files: ['/extract.js']); main()'s return value is the injection result. An unlisted script:
 * it adds neither content_scripts nor host_permissions to the manifest — activeTab is the only
 * access it needs — and, unlike a content script, carries no WXT content-script context and no
 * extension API wrapper (it uses none), so there is less to parse on every click.
 */
import { safeCapture, type ExtractResult } from '@/utils/extract/page';

/** Shorter selections are usually stray clicks, not a passage the user meant to clip. */
const MIN_SELECTION_CHARS = 20;

function currentSelection(doc: Document): DocumentFragment | null {
  const selection = doc.getSelection();
  if (!selection || selection.isCollapsed || selection.toString().trim().length <= MIN_SELECTION_CHARS) return null;
  // Firefox can hold several ranges (table cells); keep them all, in order.
  const fragment = doc.createDocumentFragment();
  for (let i = 0; i < selection.rangeCount; i += 1) {
    fragment.appendChild(selection.getRangeAt(i).cloneContents());
  }
  return fragment;
}

export default defineUnlistedScript({
  main(): ExtractResult {
    try {
      return safeCapture(document, { url: document.URL, selection: currentSelection(document) });
    } catch (error) {
      return { ok: false, error: `Could not read this page (${error instanceof Error ? error.message : String(error)}).` };
    }
  },
});
