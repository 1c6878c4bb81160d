import { useState } from 'react';
import { TextField } from '../../ui/fields';
import { longDate } from '../inbox/format';
import { sendLaterTime } from './compose-form';

interface SendLaterPanelProps {
  id: string;
  /** A datetime-local value. */
  value: string;
  onChange: (value: string) => void;
  onSchedule: (iso: string) => void;
  /** Send is unavailable (no recipient, a bad address) or a send is already on its way. */
  disabled: boolean;
}

/**
 * Send later. Letterbox sends only while it runs, so the hint says what happens if it is closed
 * at that moment: the message goes when it next starts, never silently not at all.
 */
export function SendLaterPanel({ id, value, onChange, onSchedule, disabled }: SendLaterPanelProps) {
  const [tried, setTried] = useState(false);
  const when = sendLaterTime(value);
  const hint =
    'iso' in when
      ? `Will be sent at ${longDate(when.iso)} if Letterbox is running; otherwise when it next starts.`
      : 'Letterbox sends it at this time if it is running; otherwise when it next starts.';
  return (
    <fieldset id={id} className="section send-later">
      <legend>Send later</legend>
      <TextField
        type="datetime-local"
        label="Send at"
        value={value}
        onChange={onChange}
        onBlur={() => setTried(true)}
        hint={hint}
        error={tried && 'error' in when ? when.error : undefined}
      />
      <div>
        <button
          type="button"
          className="primary"
          disabled={disabled}
          onClick={() => {
            setTried(true);
            if ('iso' in when) onSchedule(when.iso);
          }}
        >
          Schedule send
        </button>
      </div>
    </fieldset>
  );
}
