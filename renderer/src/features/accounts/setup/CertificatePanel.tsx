import { useId } from 'react';
import type { CertificateInfo } from '../../../../../shared/model/setup';

interface CertificatePanelProps {
  host: string;
  certificate: CertificateInfo;
  onTrust: () => void;
  busy: boolean;
}

function date(iso: string): string {
  const parsed = new Date(iso);
  return Number.isNaN(parsed.getTime())
    ? iso
    : parsed.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** The certificate no authority vouches for, in enough detail to compare with what the server's owner says. */
export function CertificatePanel({ host, certificate, onTrust, busy }: CertificatePanelProps) {
  const adviceId = useId();
  return (
    <div className="certificate">
      <dl className="certificate-details">
        <dt>Issued to</dt>
        <dd>{certificate.subject}</dd>
        <dt>Issued by</dt>
        <dd>
          {certificate.issuer}
          {certificate.selfSigned ? ' (self-signed)' : ''}
        </dd>
        <dt>Valid</dt>
        <dd>
          {date(certificate.validFrom)} to {date(certificate.validTo)}
        </dd>
        <dt>SHA-256 fingerprint</dt>
        <dd>
          <code className="fingerprint">{certificate.fingerprint256}</code>
        </dd>
      </dl>
      <p id={adviceId} className="field-hint">
        Trust it only if the fingerprint matches the one your server’s administrator gave you. Letterbox will then
        accept exactly this certificate for {host}, and warn you again if it ever changes.
      </p>
      <button type="button" onClick={onTrust} disabled={busy} aria-describedby={adviceId}>
        Trust this certificate
      </button>
    </div>
  );
}
