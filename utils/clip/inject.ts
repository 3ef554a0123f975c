import { browser } from 'wxt/browser';
import type { ExtractResult } from '../extract/page';
import { explainInjectionError } from './unreadable';

/** Where WXT puts entrypoints/extract.ts (an unlisted script) in the build. */
export const EXTRACT_SCRIPT = '/extract.js';
const TIMEOUT_MS = 15_000;

/**
 * Run the extractor in the tab (allowed by activeTab after the toolbar click) and return its
 * result. Never throws: failures come back as { ok: false } in plain words.
 */
export async function extractFromTab(tabId: number): Promise<ExtractResult> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const injection = browser.scripting.executeScript({ target: { tabId }, files: [EXTRACT_SCRIPT] });
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('timed out')), TIMEOUT_MS);
    });
    const [frame] = await Promise.race([injection, timeout]);
    const result = frame?.result as ExtractResult | undefined;
    if (!result || typeof result !== 'object' || typeof result.ok !== 'boolean') {
      return { ok: false, error: 'Newsdesk could not read this page (the page gave no answer).' };
    }
    return result;
  } catch (error) {
    return { ok: false, error: explainInjectionError(error) };
  } finally {
    clearTimeout(timer);
  }
}
