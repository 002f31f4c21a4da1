import { Button, Chip, Field, Input, Label, ValidationMessage } from '@digdir/designsystemet-react';
import type { ReactNode } from 'react';
import { useT } from '../../hooks/use-t';

export interface ValueListFieldProps {
  id: string;
  label: string;
  description: string;
  required?: boolean;
  values: readonly string[];
  text: string;
  onTextChange(text: string): void;
  /** Try to add `text`; the form checks it and sets `error` when it cannot be added. */
  onAdd(): void;
  onRemove(value: string): void;
  addLabel: string;
  emptyText: string;
  error?: string;
  testId: string;
  /** Extra content under the entry row, e.g. scope suggestions. */
  children?: ReactNode;
}

/**
 * A field holding several values (scopes, apps, resources): the values as removable chips, and one
 * entry row to add the next. Enter adds, as the button does, and never submits the form by accident.
 */
export function ValueListField(props: ValueListFieldProps) {
  const t = useT();
  const { id, values, error } = props;
  return (
    <div className="value-list" data-testid={props.testId}>
      <Field>
        <Label htmlFor={id}>
          {props.label}
          {props.required ? <span className="profiles-required"> ({t('profiles.required')})</span> : null}
        </Label>
        <Field.Description>{props.description}</Field.Description>
        <ul className="value-list__values" aria-label={props.label}>
          {values.length === 0 ? (
            <li className="profiles-muted">{props.emptyText}</li>
          ) : (
            values.map((value) => (
              <li key={value}>
                <Chip.Removable
                  type="button"
                  data-size="sm"
                  aria-label={t('profiles.scopeRemove', { value })}
                  onClick={() => props.onRemove(value)}
                >
                  {value}
                </Chip.Removable>
              </li>
            ))
          )}
        </ul>
        <div className="value-list__entry">
          <Input
            id={id}
            value={props.text}
            autoComplete="off"
            spellCheck={false}
            onChange={(e) => props.onTextChange(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                props.onAdd();
              }
            }}
          />
          <Button type="button" variant="secondary" onClick={props.onAdd}>
            {props.addLabel}
          </Button>
        </div>
        {error ? <ValidationMessage data-testid={`${props.testId}-error`}>{error}</ValidationMessage> : null}
      </Field>
      {props.children}
    </div>
  );
}
