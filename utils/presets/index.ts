import type { NewsletterPreset } from './types';
import { xmppNewsletter } from './xmpp';

/** Presets that ship with Newsdesk, by id. */
export const presets: Readonly<Record<string, NewsletterPreset>> = {
  [xmppNewsletter.id]: xmppNewsletter,
};

export const defaultPreset: NewsletterPreset = xmppNewsletter;

export function getPreset(id: string): NewsletterPreset {
  const preset = presets[id];
  if (!preset) throw new Error(`Unknown newsletter "${id}"`);
  return preset;
}
