import { genericNewsletter } from './generic';
import type { Cadence } from '../model/issue';
import type { NewsletterPreset } from './types';
import { weeklyDigest } from './weekly';
import { xmppNewsletter } from './xmpp';
import { xmppNewsletter2023 } from './xmpp-2023';
import { xmppNewsletter2024 } from './xmpp-2024';

/** Newsletters that ship with Newsdesk, in the order pickers list them. */
export const builtInPresets: readonly NewsletterPreset[] = [xmppNewsletter, xmppNewsletter2024, xmppNewsletter2023, weeklyDigest, genericNewsletter];

/** Presets that ship with Newsdesk, by id. */
export const presets: Readonly<Record<string, NewsletterPreset>> = Object.fromEntries(
  builtInPresets.map((preset) => [preset.id, preset]),
);

export const defaultPreset: NewsletterPreset = xmppNewsletter;

export class UnknownNewsletterError extends Error {
  override name = 'UnknownNewsletterError';
}

export function isBuiltInPreset(id: string): boolean {
  return Object.hasOwn(presets, id);
}

/** A built-in preset by id. */
export function getPreset(id: string): NewsletterPreset {
  const preset = Object.hasOwn(presets, id) ? presets[id] : undefined;
  if (!preset) throw new UnknownNewsletterError(`Unknown newsletter "${id}"`);
  return preset;
}

/**
 * A newsletter by id among the built-in presets and the user's own. Built-ins win: a user
 * definition can never shadow one (the editor and the import refuse those ids).
 */
export function resolveNewsletter(id: string, user: readonly NewsletterPreset[]): NewsletterPreset {
  if (isBuiltInPreset(id)) return getPreset(id);
  const own = user.find((preset) => preset.id === id);
  if (!own) {
    const known = [...builtInPresets, ...user].map((p) => p.id).join(', ');
    throw new UnknownNewsletterError(`Unknown newsletter "${id}" (known: ${known})`);
  }
  return own;
}

/** What a picker shows for a newsletter. */
export interface NewsletterSummary {
  id: string;
  name: string;
  cadence: Cadence;
  builtIn: boolean;
}

export function listNewsletters(user: readonly NewsletterPreset[]): NewsletterSummary[] {
  const summary = (p: NewsletterPreset, builtIn: boolean): NewsletterSummary => ({ id: p.id, name: p.name, cadence: p.cadence, builtIn });
  return [
    ...builtInPresets.map((p) => summary(p, true)),
    ...user.filter((p) => !isBuiltInPreset(p.id)).map((p) => summary(p, false)),
  ];
}
