import { useQuery } from '@tanstack/react-query';
import { useDeferredValue, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { Contact } from '../../../../shared/model/draft';
import { ipcQuery } from '../../ipc/ipc-query';
import { replaceToken, tokenAt } from './address-token';

interface AddressFieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** Shown once the user has left the field, not while they type. */
  error: string | undefined;
  autoFocus?: boolean;
}

const SUGGESTIONS = 8;

/**
 * An address list with suggestions for the entry at the caret (the ARIA combobox pattern): ↓/↑
 * move through them, Enter or Tab takes one, Escape closes the list. The text stays free-form.
 */
export function AddressField({ label, value, onChange, error, autoFocus }: AddressFieldProps) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [caret, setCaret] = useState(value.length);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const [left, setLeft] = useState(false);
  const token = tokenAt(value, caret);
  const query = useDeferredValue(token.text);
  const contacts = useQuery({
    ...ipcQuery('contacts:search', { query, limit: SUGGESTIONS }),
    enabled: open && query.length > 0,
    placeholderData: (previous) => previous,
  });
  const options = open && query.length > 0 ? (contacts.data?.contacts ?? []) : [];
  const expanded = options.length > 0;
  const listId = `${id}-list`;
  const errorId = `${id}-error`;
  const shownError = left ? error : undefined;

  function choose(contact: Contact) {
    const next = replaceToken(value, token, contact);
    onChange(next.value);
    setOpen(false);
    requestAnimationFrame(() => input.current?.setSelectionRange(next.caret, next.caret));
    setCaret(next.caret);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (!expanded) {
      if (event.key === 'ArrowDown' && token.text !== '') setOpen(true);
      return;
    }
    const pick = options[Math.min(active, options.length - 1)];
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((active + step + options.length) % options.length);
    } else if ((event.key === 'Enter' || event.key === 'Tab') && pick !== undefined) {
      event.preventDefault();
      choose(pick);
    } else if (event.key === 'Escape') {
      // Closes the suggestions only, not the compose dialog around them.
      event.preventDefault();
      event.stopPropagation();
      setOpen(false);
    }
  }

  return (
    <div className="field address-field">
      <label htmlFor={id}>{label}</label>
      <input
        ref={input}
        id={id}
        type="text"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={expanded ? `${id}-option-${active}` : undefined}
        aria-invalid={shownError === undefined ? undefined : true}
        aria-describedby={shownError === undefined ? undefined : errorId}
        autoComplete="off"
        spellCheck={false}
        autoFocus={autoFocus}
        value={value}
        onChange={(event) => {
          onChange(event.target.value);
          setCaret(event.target.selectionStart ?? event.target.value.length);
          setOpen(true);
          setActive(0);
        }}
        onSelect={(event) => setCaret(event.currentTarget.selectionStart ?? value.length)}
        onKeyDown={onKeyDown}
        onBlur={() => {
          setLeft(true);
          setOpen(false);
        }}
      />
      <ul id={listId} role="listbox" aria-label={`${label} suggestions`} className="suggestions" hidden={!expanded}>
        {options.map((contact, index) => (
          <li
            key={contact.address}
            id={`${id}-option-${index}`}
            role="option"
            aria-selected={index === active}
            // mousedown, not click: the input keeps focus (a blur would close the list first).
            onMouseDown={(event) => {
              event.preventDefault();
              choose(contact);
            }}
          >
            {contact.name === '' ? contact.address : `${contact.name} <${contact.address}>`}
          </li>
        ))}
      </ul>
      {shownError === undefined ? null : (
        <p id={errorId} className="field-error">
          {shownError}
        </p>
      )}
    </div>
  );
}
