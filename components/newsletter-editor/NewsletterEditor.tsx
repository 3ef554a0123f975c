import { useState } from 'preact/hooks';
import { PAGE_KINDS, type PageKind } from '../../utils/adapters';
import type { NewsletterPreset, SectionDef, TemplateKind } from '../../utils/presets/types';
import { TEMPLATE_KIND_LABELS } from '../../utils/templates/names';
import { cleanHints, commasToList, linesToList, moveSection, newSection, otherPageForms, withField, withKind } from './model';
import { EntryFormsEditor } from './EntryFormsEditor';
import { SiteFields } from './SiteFields';
import { TeamEditor } from './TeamEditor';

const KINDS: readonly PageKind[] = PAGE_KINDS;

export const TEMPLATE_HELP =
  'Variables: {newsletter} {title} {issue} {month} {year} {week} {start} {end} {period} {publishDate} {contributors} {translations} (from the team below). Hugo shortcodes ({{< … >}}) are kept as they are.';

interface Props {
  initial: NewsletterPreset;
  /** True while the id may still be chosen (a new definition). */
  isNew: boolean;
  onSave: (preset: NewsletterPreset) => Promise<void>;
  onCancel: () => void;
}

/**
 * A plain form over one newsletter definition: every field of the format, sections as a list
 * with move up/down, the entry forms, teaser and team. Templates are checked as they are typed
 * (TemplateField); everything else is validated on save, and the message names the field as
 * this form does ("Entry form for releases: …", "Section 3 (“News”), heading: …").
 */
export function NewsletterEditor({ initial, isNew, onSave, onCancel }: Props) {
  const [draft, setDraft] = useState<NewsletterPreset>(initial);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const set = (patch: Partial<NewsletterPreset>) => setDraft((d) => ({ ...d, ...patch }));
  const setSection = (index: number, section: SectionDef) =>
    setDraft((d) => ({ ...d, sections: d.sections.map((s, i) => (i === index ? section : s)) }));
  const collected = draft.sections.filter((s) => s.kind === 'collected');

  async function submit(event: Event) {
    event.preventDefault();
    setSaving(true);
    setError(null);
    try {
      await onSave(draft);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setSaving(false);
    }
  }

  return (
    <form class="newsletter-editor" onSubmit={submit} aria-label={`Edit ${draft.name}`}>
      <div class="row">
        <div class="grow">
          <label for="nl-name">Name</label>
          <input id="nl-name" required value={draft.name} onInput={(e) => set({ name: e.currentTarget.value })} />
        </div>
        <div>
          <label for="nl-id">Id</label>
          <input id="nl-id" required disabled={!isNew} pattern="[a-z0-9][a-z0-9-]{0,39}" value={draft.id} onInput={(e) => set({ id: e.currentTarget.value })} />
        </div>
      </div>
      <div class="row">
        <div>
          <label for="nl-cadence">Cadence</label>
          <select
            id="nl-cadence"
            value={draft.cadence}
            onChange={(e) => {
              const cadence = e.currentTarget.value === 'weekly' ? 'weekly' : 'monthly';
              set({ cadence, publishDay: Math.min(draft.publishDay, cadence === 'weekly' ? 7 : 31) });
            }}
          >
            <option value="monthly">Monthly (issues like 2023-10)</option>
            <option value="weekly">Weekly (ISO weeks like 2024-W07)</option>
          </select>
        </div>
        <div>
          <label for="nl-publish">{draft.cadence === 'weekly' ? 'Published on weekday (1 = Mon … 7 = Sun) of the next week' : 'Published on day … of the next month'}</label>
          <input id="nl-publish" type="number" min={1} max={draft.cadence === 'weekly' ? 7 : 31} value={draft.publishDay} onInput={(e) => set({ publishDay: Number(e.currentTarget.value) })} />
        </div>
      </div>
      <label for="nl-title">Title pattern</label>
      <input id="nl-title" required value={draft.titleTemplate} onInput={(e) => set({ titleTemplate: e.currentTarget.value })} />
      <p class="small muted">{TEMPLATE_HELP}</p>
      <label for="nl-file">Draft file name (optional)</label>
      <input id="nl-file" placeholder="{publishDate}-newsletter.md" value={draft.fileNameTemplate ?? ''} onInput={(e) => set(clear('fileNameTemplate', e.currentTarget.value))} />
      <label>
        <input type="checkbox" checked={draft.frontMatter !== false} onChange={(e) => set({ frontMatter: e.currentTarget.checked })} /> Start with Hugo front matter (else a “# title” line)
      </label>
      <label for="nl-fm">Extra front matter lines (one per line)</label>
      <textarea id="nl-fm" rows={2} value={draft.frontMatterExtra.join('\n')} onChange={(e) => set({ frontMatterExtra: linesToList(e.currentTarget.value) })} />
      <label for="nl-intro">Intro (Markdown template)</label>
      <textarea id="nl-intro" rows={4} value={draft.intro} onInput={(e) => set({ intro: e.currentTarget.value })} />
      <label for="nl-prefixes">Entry markers: “[video] video” or “[audio] url:podcast” (one per line)</label>
      <textarea
        id="nl-prefixes"
        rows={2}
        value={(draft.entryPrefixes ?? []).map((r) => [r.prefix, ...(r.kinds ?? []), ...(r.urlPatterns ?? []).map((p) => `url:${p}`)].join(' ')).join('\n')}
        onChange={(e) => set({ entryPrefixes: parsePrefixes(e.currentTarget.value) })}
      />
      <SiteFields draft={draft} update={setDraft} />

      <h2>Sections</h2>
      <label for="nl-default">Section for pages no rule matches</label>
      <select id="nl-default" value={draft.defaultSection} onChange={(e) => set({ defaultSection: e.currentTarget.value })}>
        {collected.map((s) => (
          <option key={s.id} value={s.id}>
            {s.label ?? s.heading}
          </option>
        ))}
      </select>
      <ol class="nl-sections">
        {draft.sections.map((section, index) => (
          <li key={`${index}`}>
            <SectionEditor
              section={section}
              index={index}
              onChange={(s) => setSection(index, s)}
              onMove={(delta) => set({ sections: moveSection(draft.sections, index, delta) })}
              onRemove={() => set({ sections: draft.sections.filter((_, i) => i !== index) })}
            />
          </li>
        ))}
      </ol>
      <button type="button" onClick={() => set({ sections: [...draft.sections, newSection(draft.sections)] })}>
        Add section
      </button>

      <h2>Entries</h2>
      <EntryFormsEditor draft={draft} update={setDraft} />
      <TeamEditor team={draft.team} update={setDraft} />

      {error && (
        <p class="notice error" role="alert" style="white-space: pre-line">
          {error}
        </p>
      )}
      <div class="actions">
        <button type="submit" class="primary" disabled={saving}>
          Save newsletter
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function clear<K extends 'fileNameTemplate'>(key: K, value: string): Partial<NewsletterPreset> {
  return { [key]: value.trim() ? value : undefined } as Partial<NewsletterPreset>;
}

/** "[video] video" → { prefix: "[video]", kinds: ["video"] }; "url:…" words are URL patterns. */
function parsePrefixes(text: string): NewsletterPreset['entryPrefixes'] {
  const rules = linesToList(text).map((line) => {
    const [prefix = '', ...rest] = line.split(/\s+/);
    const kinds = rest.filter((w): w is PageKind => (KINDS as readonly string[]).includes(w));
    const urlPatterns = rest.filter((w) => w.startsWith('url:')).map((w) => w.slice(4));
    return { prefix, ...(kinds.length ? { kinds } : {}), ...(urlPatterns.length ? { urlPatterns } : {}) };
  });
  return rules.length ? rules : undefined;
}

interface SectionProps {
  section: SectionDef;
  index: number;
  onChange: (section: SectionDef) => void;
  onMove: (delta: number) => void;
  onRemove: () => void;
}

function SectionEditor({ section, index, onChange, onMove, onRemove }: SectionProps) {
  const id = (name: string) => `s${index}-${name}`;
  const hints = section.hints ?? {};
  const setHints = (patch: Partial<NonNullable<SectionDef['hints']>>) => onChange(withField(section, 'hints', cleanHints({ ...hints, ...patch })));
  return (
    <fieldset>
      <legend>
        {section.level === 3 ? '↳ ' : ''}
        {section.heading || '(no heading)'}
      </legend>
      <div class="row">
        <div class="grow">
          <label for={id('heading')}>Heading</label>
          <input id={id('heading')} value={section.heading} onInput={(e) => onChange({ ...section, heading: e.currentTarget.value })} />
        </div>
        <div>
          <label for={id('id')}>Id</label>
          <input id={id('id')} size={12} value={section.id} onInput={(e) => onChange({ ...section, id: e.currentTarget.value })} />
        </div>
      </div>
      <div class="row">
        <div>
          <label for={id('level')}>Level</label>
          <select id={id('level')} value={String(section.level)} onChange={(e) => onChange({ ...section, level: e.currentTarget.value === '3' ? 3 : 2 })}>
            <option value="2">## (section)</option>
            <option value="3">### (subsection)</option>
          </select>
        </div>
        <div>
          <label for={id('kind')}>Holds</label>
          <select id={id('kind')} value={section.kind} onChange={(e) => onChange(withKind(section, e.currentTarget.value as SectionDef['kind']))}>
            <option value="collected">clipped items</option>
            <option value="container">only subsections</option>
            <option value="fixed">fixed text</option>
          </select>
        </div>
        <div class="grow">
          <label for={id('label')}>Short name (pickers)</label>
          <input id={id('label')} value={section.label ?? ''} onInput={(e) => onChange(withField(section, 'label', e.currentTarget.value))} />
        </div>
      </div>
      <label for={id('body')}>{section.kind === 'fixed' ? 'Text (Markdown template)' : 'Text under the heading (optional)'}</label>
      <textarea id={id('body')} rows={section.kind === 'fixed' ? 4 : 2} value={section.body ?? ''} onInput={(e) => onChange(withField(section, 'body', e.currentTarget.value))} />
      <label for={id('aliases')}>
        Earlier headings <span class="hint">(comma-separated; importing a past issue files what stands under them here)</span>
      </label>
      <input id={id('aliases')} value={(section.aliases ?? []).join(', ')} onChange={(e) => onChange(withField(section, 'aliases', commasToList(e.currentTarget.value)))} />
      {section.kind === 'fixed' && (
        <label>
          <input type="checkbox" checked={section.occasional === true} onChange={(e) => onChange(withField(section, 'occasional', e.currentTarget.checked || undefined))} /> Only
          in issues where it is switched on (in the Desk)
        </label>
      )}
      {section.kind === 'collected' && (
        <>
          <label for={id('layout')}>Layout</label>
          <select
            id={id('layout')}
            value={section.layout ?? 'bullets'}
            onChange={(e) => onChange(withField(section, 'layout', e.currentTarget.value === 'topics' ? 'topics' : undefined))}
          >
            <option value="bullets">bullets: one list, an entry per item</option>
            <option value="topics">topics: each item under a heading of its own (its title), with its prose</option>
          </select>
          <label for={id('form')}>Entry form for pages that are not a release, XEP, video or event</label>
          <select
            id={id('form')}
            value={section.entryForm ?? 'article'}
            onChange={(e) => {
              const form = e.currentTarget.value as TemplateKind;
              onChange(withField(section, 'entryForm', form === 'article' ? undefined : form));
            }}
          >
            {otherPageForms(section.entryForm).map((kind) => (
              <option key={kind} value={kind}>
                {TEMPLATE_KIND_LABELS[kind]}
              </option>
            ))}
          </select>
          <label for={id('placeholder')}>Placeholder when empty</label>
          <input id={id('placeholder')} value={section.placeholder ?? ''} onInput={(e) => onChange(withField(section, 'placeholder', e.currentTarget.value))} />
          <label>
            <input type="checkbox" checked={section.optional === true} onChange={(e) => onChange(withField(section, 'optional', e.currentTarget.checked || undefined))} /> Leave
            out when empty
          </label>
          <label for={id('kinds')}>Page kinds that go here (comma-separated: {KINDS.join(', ')})</label>
          <input id={id('kinds')} value={(hints.kinds ?? []).join(', ')} onChange={(e) => setHints({ kinds: commasToList(e.currentTarget.value) as PageKind[] })} />
          <label for={id('keywords')}>Keywords (comma-separated)</label>
          <input id={id('keywords')} value={(hints.keywords ?? []).join(', ')} onChange={(e) => setHints({ keywords: commasToList(e.currentTarget.value) })} />
          <label for={id('urls')}>URL patterns (regular expressions, one per line)</label>
          <textarea id={id('urls')} rows={2} value={(hints.urlPatterns ?? []).join('\n')} onChange={(e) => setHints({ urlPatterns: linesToList(e.currentTarget.value) })} />
        </>
      )}
      <div class="actions">
        <button type="button" aria-label={`Move ${section.heading} up`} onClick={() => onMove(-1)}>
          ↑
        </button>
        <button type="button" aria-label={`Move ${section.heading} down`} onClick={() => onMove(1)}>
          ↓
        </button>
        <button type="button" onClick={onRemove}>
          Remove
        </button>
      </div>
    </fieldset>
  );
}
