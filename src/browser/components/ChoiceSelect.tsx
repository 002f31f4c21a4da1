import { Field, Label, Select } from '@digdir/designsystemet-react';
import { useId } from 'react';

export interface Choice {
  value: string;
  label: string;
}

/**
 * A labelled select with a placeholder that cannot be chosen back: the profile and app choices of the
 * instance filters and the intake dialog. `''` is "nothing chosen yet".
 */
export function ChoiceSelect({
  label,
  placeholder,
  choices,
  value,
  disabled,
  onChange,
  testId,
  className,
}: {
  label: string;
  placeholder: string;
  choices: Choice[];
  value: string;
  disabled?: boolean;
  onChange(value: string): void;
  testId: string;
  className?: string;
}) {
  const id = useId();
  return (
    <Field className={className}>
      <Label htmlFor={id}>{label}</Label>
      <Select id={id} value={value} disabled={disabled} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
        <Select.Option value="" disabled>
          {placeholder}
        </Select.Option>
        {choices.map((c) => (
          <Select.Option key={c.value} value={c.value}>
            {c.label}
          </Select.Option>
        ))}
      </Select>
    </Field>
  );
}
