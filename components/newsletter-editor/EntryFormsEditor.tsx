import { useState } from 'preact/hooks';
import { DEFAULT_BUDGET } from '../../utils/summarize/compose';
import { TEMPLATE_KINDS, type NewsletterPreset, type TemplateKind } from '../../utils/presets/types';
import { SUMMARY_NAMES, TEMPLATE_KIND_LABELS, TEMPLATE_NAMES } from '../../utils/templates/names';
import { budgetFrom, withEntryTemplate, withField, type Budget } from './model';
import { TemplateField } from './TemplateField';

interface Props {
  draft: NewsletterPreset;
  /** Change the definition from its latest state. */
  update: (change: (draft: NewsletterPreset) => NewsletterPreset) => void;
}

/**
 * How the newsletter writes each kind of entry (a template and its length per kind; empty:
 * Newsdesk's built-in wording), the length every entry aims at, and the front matter teaser.
 */
export function EntryFormsEditor({ draft, update }: Props) {
  const newsletterBudget = draft.entryBudget ?? DEFAULT_BUDGET;
  return (
    <>
      <fieldset class="entry-forms">
        <legend>Entry forms</legend>
        <p class="small muted">
          How each kind of entry is drafted when a page is clipped. Leave a form empty to use Newsdesk’s built-in wording. Values are filled in from the
          page, already escaped for Markdown.
        </p>
        <BudgetFields
          id="nl-budget"
          label="Every entry’s first line"
          budget={draft.entryBudget}
          fallback={DEFAULT_BUDGET}
          onChange={(entryBudget) => update((d) => withField(d, 'entryBudget', entryBudget))}
        />
        {TEMPLATE_KINDS.map((kind) => (
          <EntryForm key={kind} kind={kind} draft={draft} fallback={newsletterBudget} update={update} />
        ))}
      </fieldset>

      <fieldset>
        <legend>Summary teaser</legend>
        <TemplateField
          id="nl-summary"
          label="Front matter summary (empty: no summary line)"
          value={draft.summary?.template ?? ''}
          onInput={(template) => update((d) => withField(d, 'summary', template.trim() ? { template } : undefined))}
          names={SUMMARY_NAMES}
          owner="the summary"
          placeholder="In this issue: {highlights}.{?releases} {releases}.{/releases}"
        />
      </fieldset>
    </>
  );
}

function EntryForm({ kind, draft, fallback, update }: { kind: TemplateKind; draft: NewsletterPreset; fallback: Budget; update: Props['update'] }) {
  const form = draft.entryTemplates?.[kind];
  const label = TEMPLATE_KIND_LABELS[kind];
  // The budget is kept while the template is emptied and typed again.
  const [budget, setBudget] = useState<Budget | undefined>(form?.budget);
  const id = `form-${kind}`;
  const write = (template: string, next: Budget | undefined) => update((d) => withField(d, 'entryTemplates', withEntryTemplate(d.entryTemplates, kind, template, next)));
  return (
    <fieldset class="entry-form">
      <legend>Entry form for {label}</legend>
      <TemplateField
        id={id}
        label="Template"
        value={form?.template ?? ''}
        onInput={(template) => write(template, budget)}
        names={TEMPLATE_NAMES[kind]}
        owner={`entries for ${label}`}
        placeholder="Empty: Newsdesk’s built-in wording"
      >
        <BudgetFields
          id={`${id}-budget`}
          label="Length"
          budget={budget}
          fallback={fallback}
          disabled={!form}
          onChange={(next) => {
            setBudget(next);
            if (form) write(form.template, next);
          }}
        />
      </TemplateField>
    </fieldset>
  );
}

interface BudgetProps {
  id: string;
  label: string;
  budget: Budget | undefined;
  /** What an empty field means. */
  fallback: Budget;
  disabled?: boolean;
  onChange: (budget: Budget | undefined) => void;
}

/** Two number fields, aim for / at most, in Markdown characters; empty ones show what applies instead. */
function BudgetFields({ id, label, budget, fallback, disabled, onChange }: BudgetProps) {
  const [target, setTarget] = useState(budget ? String(budget.target) : '');
  const [max, setMax] = useState(budget ? String(budget.max) : '');
  return (
    <div class="row budget" role="group" aria-labelledby={`${id}-label`}>
      <span id={`${id}-label`} class="small">
        {label}
        {disabled ? ' (for your own template)' : ''}:
      </span>
      <label for={`${id}-target`} class="inline small">
        aim for
      </label>
      <input
        id={`${id}-target`}
        type="number"
        min={40}
        max={2000}
        size={5}
        disabled={disabled}
        placeholder={String(fallback.target)}
        value={target}
        onInput={(e) => {
          setTarget(e.currentTarget.value);
          onChange(budgetFrom(e.currentTarget.value, max, fallback));
        }}
      />
      <label for={`${id}-max`} class="inline small">
        at most
      </label>
      <input
        id={`${id}-max`}
        type="number"
        min={40}
        max={4000}
        size={5}
        disabled={disabled}
        placeholder={String(fallback.max)}
        value={max}
        onInput={(e) => {
          setMax(e.currentTarget.value);
          onChange(budgetFrom(target, e.currentTarget.value, fallback));
        }}
      />
      <span class="small muted">characters</span>
    </div>
  );
}
