import type { PageCapture } from '../model/capture';
import type { NewsletterPreset } from '../presets/types';
import { SECTION_RULES, type SuggestInput } from './rules';

export { onProjectSite, sectionLabel, siteKey, type CategoryMemory, type SectionSuggestion } from './common';
import type { CategoryMemory, SectionSuggestion } from './common';

/**
 * Propose a section for a clipped page (or a bare link: a capture with only its URL and title).
 * The rules in ./rules.ts are asked in order and the first that knows wins: XEP status;
 * what the user chose before for this project or site; the project's category in the
 * community's software list, the newsletter's known projects, release keywords; what the
 * address says (video sites, mailing-list announcements); URL patterns; page kind; event words;
 * the preset's default.
 */
export function suggestSection(capture: PageCapture, preset: NewsletterPreset, memory?: CategoryMemory): SectionSuggestion {
  const input: SuggestInput = { capture, preset, memory };
  for (const rule of SECTION_RULES) {
    const suggestion = rule(input);
    if (suggestion) return suggestion;
  }
  return { section: preset.defaultSection, reason: 'default' };
}
