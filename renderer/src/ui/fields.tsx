import { useId, type InputHTMLAttributes, type ReactNode, type TextareaHTMLAttributes } from 'react';

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

/** What a labelled control wears: its id, accessible name when shortened, and its description. */
interface ControlProps {
  id: string;
  'aria-label': string | undefined;
  'aria-invalid': boolean | undefined;
  'aria-describedby': string | undefined;
}

interface LabelledFieldProps extends Described, Labelled {
  className?: string | undefined;
  children: (control: ControlProps) => ReactNode;
}

/** The label above a control, and its hint and error below, tied to it for screen readers. */
function LabelledField({ label, shortLabel, hint, error, className, children }: LabelledFieldProps) {
  const { id, describedBy, notes, invalid } = useDescription({ hint, error });
  const control: ControlProps = {
    id,
    'aria-label': shortLabel === undefined ? undefined : label,
    'aria-invalid': invalid,
    'aria-describedby': describedBy,
  };
  return (
    <div className={className ? `field ${className}` : 'field'}>
      <label htmlFor={id}>{shortLabel ?? label}</label>
      {children(control)}
      {notes}
    </div>
  );
}

interface TextFieldProps extends Described, Labelled, InputProps {
  value: string;
  onChange: (value: string) => void;
}

export function TextField({ label, shortLabel, value, onChange, hint, error, className, ...input }: TextFieldProps) {
  return (
    <LabelledField label={label} shortLabel={shortLabel} hint={hint} error={error} className={className}>
      {(control) => (
        <input type="text" {...input} {...control} value={value} onChange={(event) => onChange(event.target.value)} />
      )}
    </LabelledField>
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
  return (
    <LabelledField label={label} shortLabel={shortLabel} hint={hint} error={error} className={className}>
      {(control) => (
        <select
          {...control}
          value={value}
          onChange={(event) => {
            const chosen = options.find((option) => option.value === event.target.value);
            if (chosen !== undefined) onChange(chosen.value);
          }}
        >
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </LabelledField>
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

type TextAreaProps = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'onChange' | 'value' | 'id'>;

interface TextAreaFieldProps extends Described, Labelled, TextAreaProps {
  value: string;
  onChange: (value: string) => void;
}

export function TextAreaField({
  label,
  shortLabel,
  value,
  onChange,
  hint,
  error,
  className,
  ...area
}: TextAreaFieldProps) {
  return (
    <LabelledField label={label} shortLabel={shortLabel} hint={hint} error={error} className={className}>
      {(control) => (
        <textarea {...area} {...control} value={value} onChange={(event) => onChange(event.target.value)} />
      )}
    </LabelledField>
  );
}
