import { Dialog } from '../../ui/Dialog';

/** Placeholder that says so: account setup arrives with the accounts service. */
export function AddAccountDialog({ onClose }: { onClose: () => void }) {
  return (
    <Dialog title="Add account" onClose={onClose}>
      <p>Setting up an account is not in this build of Letterbox yet.</p>
      <p>When it arrives, this is where you will enter your address and Letterbox will find your mail servers.</p>
    </Dialog>
  );
}
