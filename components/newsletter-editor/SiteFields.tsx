import { SOFTWARE_LIST_IDS, SOFTWARE_LIST_NAMES, type SoftwareListId } from '../../utils/categorize/software/ids';
import type { NewsletterPreset } from '../../utils/presets/types';
import { commasToList, withField } from './model';

interface Props {
  draft: NewsletterPreset;
  update: (change: (draft: NewsletterPreset) => NewsletterPreset) => void;
}

/** Where the issue is published (links, pictures, shortcodes) and the software list releases are matched against. */
export function SiteFields({ draft, update }: Props) {
  const setText = (key: 'siteUrl' | 'mediaPath', value: string) => update((d) => withField(d, key, value.trim()));
  const setRelative = (on: boolean) => update((d) => withField(d, 'siteRelativeLinks', on || undefined));
  const setSoftwareList = (value: string) =>
    update((d) => withField(d, 'softwareList', (SOFTWARE_LIST_IDS as readonly string[]).includes(value) ? (value as SoftwareListId) : undefined));
  return (
    <fieldset>
      <legend>Site</legend>
      {draft.family && (
        <p class="small muted">
          Lays out the items of the newsletter “{draft.family}”: what is clipped into it is filed there, and appears in both.
        </p>
      )}
      <label for="nl-site">
        Site address <span class="hint">(links like /extensions/ are resolved against it)</span>
      </label>
      <input id="nl-site" type="url" placeholder="https://xmpp.org" value={draft.siteUrl ?? ''} onInput={(e) => setText('siteUrl', e.currentTarget.value)} />
      <label>
        <input type="checkbox" checked={draft.siteRelativeLinks === true} onChange={(e) => setRelative(e.currentTarget.checked)} /> Link the site’s own pages
        site-relative (/extensions/xep-0461.html)
      </label>
      <div class="row">
        <div class="grow">
          <label for="nl-media">
            Media path <span class="hint">(figures must come from it)</span>
          </label>
          <input id="nl-media" placeholder="/images/" value={draft.mediaPath ?? ''} onInput={(e) => setText('mediaPath', e.currentTarget.value)} />
        </div>
        <div class="grow">
          <label for="nl-software">Software list</label>
          <select id="nl-software" value={draft.softwareList ?? ''} onChange={(e) => setSoftwareList(e.currentTarget.value)}>
            <option value="">None</option>
            {SOFTWARE_LIST_IDS.map((id) => (
              <option key={id} value={id}>
                {SOFTWARE_LIST_NAMES[id]}
              </option>
            ))}
          </select>
        </div>
      </div>
      <label for="nl-shortcodes">
        Shortcodes the site provides <span class="hint">(comma-separated, used as {'{{< name >}}'}; figures are always allowed)</span>
      </label>
      <input
        id="nl-shortcodes"
        placeholder="newsletter-subscribe"
        value={(draft.shortcodes ?? []).join(', ')}
        onChange={(e) => {
          const shortcodes = commasToList(e.currentTarget.value);
          update((d) => withField(d, 'shortcodes', shortcodes));
        }}
      />
    </fieldset>
  );
}
