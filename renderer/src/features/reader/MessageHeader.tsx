import type { Address } from '../../../../shared/model/message';
import type { MessageContent } from '../../../../shared/model/reader';
import { longDate } from '../inbox/format';

/** "Name <address>": the exact address is always shown, since the name is whatever the sender chose. */
export function addressText(address: Address): string {
  return address.name && address.name !== address.address ? `${address.name} <${address.address}>` : address.address;
}

function AddressList({ label, list }: { label: string; list: readonly Address[] }) {
  if (list.length === 0) return null;
  return (
    <>
      <dt>{label}</dt>
      <dd>{list.map(addressText).join(', ')}</dd>
    </>
  );
}

export function MessageHeader({ message }: { message: MessageContent }) {
  const replyTo = message.replyTo.filter((a) => a.address.toLowerCase() !== message.from?.address.toLowerCase());
  return (
    <dl className="reader-meta">
      <dt>From</dt>
      <dd className="reader-from">{message.from ? addressText(message.from) : '(no sender)'}</dd>
      <AddressList label="Reply-To" list={replyTo} />
      <AddressList label="To" list={message.to} />
      <AddressList label="Cc" list={message.cc} />
      <dt>Date</dt>
      <dd>
        <time dateTime={message.date}>{longDate(message.date)}</time>
      </dd>
    </dl>
  );
}
