"use client";
// What a save will do when the address moves away from the one the stored credentials were entered for
// (docs/threat-model.md, threat 1): said before saving, not discovered after. A project admin may confirm the
// move (their password is asked for); anyone may re-enter the credentials instead.
import { Alert } from "@/components/ui/alert";

export function DestinationNotice({
  from,
  to,
  canConfirm,
  confirm,
  onConfirm,
}: {
  from: string;
  to: string;
  canConfirm: boolean;
  confirm: boolean;
  onConfirm: (value: boolean) => void;
}) {
  return (
    <Alert kind="warn">
      <p>
        <strong>The address changed</strong> from <code>{from}</code> to <code>{to || "(incomplete)"}</code>. Stored credentials will not be sent to the new
        address unless you re-enter them or a project admin confirms.
      </p>
      {canConfirm && (
        <label className="row">
          <input type="checkbox" name="confirmMove" value="1" checked={confirm} onChange={(e) => onConfirm(e.target.checked)} />
          Move the stored credentials to the new address (asks for your password)
        </label>
      )}
    </Alert>
  );
}
