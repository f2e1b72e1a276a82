"use client";
// A credential Keyhold shows once, right after creating it (an API token, an agent key): it keeps only a hash, so
// the dialog offers the value to copy and nothing else. Closing the dialog unmounts it (components/ui/dialog.tsx).
import { CopyButton } from "@/components/copy-button";
import { Alert } from "@/components/ui/alert";
import { DialogDone } from "@/components/ui/dialog";

export function SecretShownOnce(props: {
  created: React.ReactNode;
  instructions: React.ReactNode;
  value: string;
  label: string;
  copyLabel: string;
  testId: string;
}) {
  return (
    <div className="form" style={{ marginTop: 12 }}>
      <Alert kind="success">{props.created}</Alert>
      <p style={{ margin: 0 }}>{props.instructions}</p>
      <output className="secret-once wrap-anywhere" aria-label={props.label} data-testid={props.testId}>
        {props.value}
      </output>
      <div className="actions">
        <CopyButton value={props.value} label={props.copyLabel} className="btn" />
        <DialogDone />
      </div>
    </div>
  );
}
