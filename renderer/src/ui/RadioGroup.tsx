import { useId, type ReactNode } from 'react';

interface RadioGroupProps<T extends string> {
  legend: string;
  value: T;
  options: readonly { value: T; label: ReactNode }[];
  onChange: (value: T) => void;
  className?: string;
}

/** A fieldset of radio buttons: arrow keys move between them, the legend names the group. */
export function RadioGroup<T extends string>({ legend, value, options, onChange, className }: RadioGroupProps<T>) {
  const name = useId();
  return (
    <fieldset className={className ? `radio-group ${className}` : 'radio-group'}>
      <legend>{legend}</legend>
      {options.map((option) => {
        const id = `${name}-${option.value}`;
        return (
          <div key={option.value} className="radio">
            <input
              id={id}
              type="radio"
              name={name}
              value={option.value}
              checked={option.value === value}
              onChange={() => onChange(option.value)}
            />
            <label htmlFor={id}>{option.label}</label>
          </div>
        );
      })}
    </fieldset>
  );
}
