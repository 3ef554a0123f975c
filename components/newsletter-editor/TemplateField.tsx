import type { ComponentChildren } from 'preact';
import type { TemplateName } from '../../utils/templates/names';
import { templateFeedback } from './model';

interface Props {
  id: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  /** The values this template may use, listed under it and checked as it is typed. */
  names: readonly TemplateName[];
  /** Whose values they are, for the warning: "entries for articles". */
  owner: string;
  placeholder?: string;
  rows?: number;
  children?: ComponentChildren;
}

/**
 * A template as the user types it: a malformed one is explained at once (saving would be
 * refused), a name its kind lacks is a warning (it would show in the draft as typed), and the
 * values it may use are listed with what they hold.
 */
export function TemplateField({ id, label, value, onInput, names, owner, placeholder, rows = 2, children }: Props) {
  const { problem, unknown } = templateFeedback(value, names);
  // Tall enough for the template as it is (about 70 characters a line), within reason.
  const lines = value.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(line.length / 70)), 0);
  return (
    <div class="template-field">
      <label for={id}>{label}</label>
      <textarea
        id={id}
        rows={Math.min(8, Math.max(rows, lines))}
        value={value}
        placeholder={placeholder}
        spellcheck={false}
        aria-invalid={problem ? 'true' : undefined}
        aria-describedby={`${id}-check`}
        onInput={(e) => onInput(e.currentTarget.value)}
      />
      <div id={`${id}-check`} aria-live="polite">
        {problem ? (
          <p class="notice error small">Not well formed: {problem} Saving is refused until it is fixed.</p>
        ) : unknown.length ? (
          <p class="notice warn small">
            Not a value of {owner}: {unknown.map((n) => `{${n}}`).join(', ')}. It would show in the draft as typed.
          </p>
        ) : null}
      </div>
      {children}
      <details class="template-names">
        <summary>Values you can use ({names.length})</summary>
        <dl>
          {names.map((n) => (
            <div key={n.name}>
              <dt>
                <code>{`{${n.name}}`}</code>
              </dt>
              <dd>{n.about}</dd>
            </div>
          ))}
        </dl>
        <p class="small muted">
          <code>{'{?name}…{/name}'}</code> writes the part between only when the value is there, <code>{'{!name}…{/name}'}</code> only when it is not.
        </p>
      </details>
    </div>
  );
}
