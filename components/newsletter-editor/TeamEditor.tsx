import type { NewsletterPreset, TeamDef } from '../../utils/presets/types';
import { TRANSLATION_LINE_NAMES } from '../../utils/templates/names';
import { DEFAULT_TRANSLATION_LINE, linesToList, namesToList, replaceAt, withField, withTeam } from './model';
import { TemplateField } from './TemplateField';

interface Props {
  team: TeamDef | undefined;
  update: (change: (draft: NewsletterPreset) => NewsletterPreset) => void;
}

/**
 * The people the contributors block credits: regular contributors in the newsletter's order,
 * and each published translation with its translators ({translations} in a fixed text).
 */
export function TeamEditor({ team, update }: Props) {
  const change = (patch: (t: TeamDef | undefined) => Partial<TeamDef>) => update((d) => withField(d, 'team', withTeam(d.team, patch(d.team))));
  const translations = team?.translations ?? [];
  const setTranslation = (i: number, patch: Partial<TeamDef['translations'][number]>) =>
    change((cur) => {
      const list = cur?.translations ?? [];
      return { translations: list[i] ? replaceAt(list, i, { ...list[i], ...patch }) : list };
    });
  return (
    <fieldset>
      <legend>Team</legend>
      <label for="team-members">
        Regular contributors, in the order the newsletter credits them <span class="hint">(one per line)</span>
      </label>
      <textarea id="team-members" rows={Math.min(8, Math.max(3, team?.members.length ?? 0))} value={(team?.members ?? []).join('\n')} onChange={(e) => change(() => ({ members: linesToList(e.currentTarget.value) }))} />
      <p class="small muted">Contributors who clipped items of an issue are credited too; these names come first, in this order.</p>
      {translations.map((t, i) => (
        <fieldset key={i} class="translation">
          <legend>
            Translation {i + 1}
            {t.language ? ` (${t.language})` : ''}
          </legend>
          <div class="row">
            <div>
              <label for={`tr-${i}-language`}>Language</label>
              <input
                id={`tr-${i}-language`}
                size={10}
                value={t.language}
                onInput={(e) => setTranslation(i, { language: e.currentTarget.value })}
              />
            </div>
            <div class="grow">
              <label for={`tr-${i}-url`}>Address</label>
              <input
                id={`tr-${i}-url`}
                placeholder="https://… or /categories/newsletter/"
                value={t.url}
                onInput={(e) => setTranslation(i, { url: e.currentTarget.value.trim() })}
              />
            </div>
          </div>
          <label for={`tr-${i}-translators`}>
            Translators <span class="hint">(comma-separated)</span>
          </label>
          <input
            id={`tr-${i}-translators`}
            value={t.translators.join(', ')}
            onChange={(e) => setTranslation(i, { translators: namesToList(e.currentTarget.value) })}
          />
          <div class="actions">
            <button type="button" onClick={() => change((cur) => ({ translations: (cur?.translations ?? []).filter((_, j) => j !== i) }))}>
              Remove translation {i + 1}
            </button>
          </div>
        </fieldset>
      ))}
      <div class="actions">
        <button type="button" onClick={() => change((cur) => ({ translations: [...(cur?.translations ?? []), { language: '', url: '', translators: [] }] }))}>
          Add translation
        </button>
      </div>
      <TemplateField
        id="team-line"
        label="Translation line (one per translation, where a fixed text says {translations})"
        value={team?.translationLine ?? DEFAULT_TRANSLATION_LINE}
        onInput={(translationLine) => change(() => ({ translationLine }))}
        names={TRANSLATION_LINE_NAMES}
        owner="a translation line"
      />
    </fieldset>
  );
}
