import type { PageCapture } from '../model/capture';
import type { NewsletterPreset } from '../presets/types';
import { findSection } from '../presets/types';
import { WRITERS } from '../adapters/writers';
import { DEFAULT_BUDGET, languageTag, type EntryContext, type EntryKnowledge } from './compose';
import { fillTemplate } from '../templates/fill';

/**
 * Draft one newsletter entry (Markdown of one list item, without the leading "- ") in the
 * newsletter's voice, following the XMPP Newsletter's published issues:
 *   release  "[Gajim 1.8.2](url) has been released, bringing a, b and c."
 *   XEP      "Version 0.4.0 of [XEP-0424](url) (Message Retraction)" + nested change lines
 *   video    "[Title](url) - short description"
 *   event    "[Name](url), November 18–19, 2023 in Toulouse: description"
 *   other    "[Title](url): lead sentences"   (language tag like "[DE]" right after the link)
 * Each form is a writer in utils/adapters/writers.ts; the first that applies drafts the entry.
 * Everything taken from the page is escaped; the summary stays within the preset's budget.
 */
export function draftEntry(capture: PageCapture, preset: NewsletterPreset, section: string, knowledge?: EntryKnowledge): string {
  const context: EntryContext = {
    capture,
    preset,
    section: findSection(preset, section),
    budget: preset.entryBudget ?? DEFAULT_BUDGET,
    tag: languageTag(capture, preset),
    knowledge,
  };
  const writer = WRITERS.find((w) => w.applies(context)) ?? WRITERS[WRITERS.length - 1]!;
  const kind = writer.template?.(context);
  const form = kind ? preset.entryTemplates?.[kind] : undefined;
  if (!form || !writer.fill) return writer.draft(context);
  // The newsletter's own form (its options page): the template, within its budget.
  return fillTemplate(form.template, writer.fill(context), form.budget ?? context.budget);
}
