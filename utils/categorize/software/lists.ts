/**
 * Which community software list a newsletter uses. A newsletter names it (`softwareList`);
 * definitions saved before it could say so are read by their id ("xmpp…": the XMPP list).
 */
import type { NewsletterPreset } from '../../presets/types';
import { SOFTWARE_LISTS, type SoftwareList } from './list';

export function softwareListFor(preset: NewsletterPreset): SoftwareList | null {
  const id = preset.softwareList ?? (/^xmpp(-|$)/.test(preset.id) ? 'xmpp' : null);
  return id ? SOFTWARE_LISTS[id] : null;
}
