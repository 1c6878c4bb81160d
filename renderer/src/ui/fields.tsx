import { useId, type InputHTMLAttributes, type ReactNode } from 'react';

interface Described {
  /** Shown under the control and read with it. */
  hint?: ReactNode;
  /** Marks the control invalid and is read with it. */
  error?: string | undefined;
}

/** ids for aria-describedby: the hint and the error, when there are any. */
function useDescription({ hint, error }: Described) {
  const id = useId();
  const hintId = hint === undefined ? undefined : `${id}-hint`;
  const errorId = error === undefined ? undefined : `${id}-error`;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  const notes = (
    <>
      {hint === undefined ? null : (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      )}
      {error === undefined ? null : (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
    </>
  );
  return { id, describedBy, notes, invalid: error === undefined ? undefined : true };
}

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'value' | 'id'>;

/** `label` is the accessible name; `shortLabel`, when given, is what shows (the section gives the context). */
interface Labelled {
  label: string;
  shortLabel?: string;
}

interface TextFieldProps extends Described, Labelled, InputProps {
  value: string;
  onChange: (value: string) => void;
}

export function TextField({ label, shortLabel, value, onChange, hint, error, className, ...input }: TextFieldProps) {
  const { id, describedBy, notes, invalid } = useDescription({ hint, error });
  return (
    <div className={className ? `field ${className}` : 'field'}>
      <label htmlFor={id}>{shortLabel ?? label}</label>
      <input
        id={id}
        aria-label={shortLabel === undefined ? undefined : label}
        type="text"
        {...input}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={invalid}
        aria-describedby={describedBy}
      />
      {notes}
    </div>
  );
}

interface SelectFieldProps<T extends string> extends Described, Labelled {
  value: T;
  options: readonly { value: T; label: string }[];
  onChange: (value: T) => void;
  className?: string;
}

export function SelectField<T extends string>({
  label,
  shortLabel,
  value,
  options,
  onChange,
  hint,
  error,
  className,
}: SelectFieldProps<T>) {
  const { id, describedBy, notes, invalid } = useDescription({ hint, error });
  return (
    <div className={className ? `field ${className}` : 'field'}>
      <label htmlFor={id}>{shortLabel ?? label}</label>
      <select
        id={id}
        aria-label={shortLabel === undefined ? undefined : label}
        value={value}
        onChange={(event) => {
          const chosen = options.find((option) => option.value === event.target.value);
          if (chosen !== undefined) onChange(chosen.value);
        }}
        aria-invalid={invalid}
        aria-describedby={describedBy}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      {notes}
    </div>
  );
}

interface CheckboxFieldProps extends Described {
  label: ReactNode;
  checked: boolean;
  onChange: (checked: boolean) => void;
  className?: string;
  /** Rendered after the label, inside the field (e.g. a number that goes with the box). */
  children?: ReactNode;
}

export function CheckboxField({ label, checked, onChange, hint, error, className, children }: CheckboxFieldProps) {
  const { id, describedBy, notes, invalid } = useDescription({ hint, error });
  return (
    <div className={className ? `check ${className}` : 'check'}>
      <input
        id={id}
        type="checkbox"
        checked={checked}
        onChange={(event) => onChange(event.target.checked)}
        aria-invalid={invalid}
        aria-describedby={describedBy}
      />
      <label htmlFor={id}>{label}</label>
      {children}
      {notes}
    </div>
  );
}
