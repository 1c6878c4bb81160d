import { Dialog } from '../../ui/Dialog';

/** Placeholder that says so: writing mail arrives with the compose and outbox services. */
export function ComposeDialog({ onClose }: { onClose: () => void }) {
  return (
    <Dialog title="New message" onClose={onClose}>
      <p>Writing messages is not in this build of Letterbox yet.</p>
      <p>Nothing you could type here would be sent, so there is no editor to type into.</p>
    </Dialog>
  );
}
