import { CopyButton } from "./copy-button";

/** A read-only value with a copy button: account IDs, External IDs, commands. */
export function CopyField({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div className="field">
      <span className="label">{label}</span>
      <div className="row" style={{ flexWrap: "nowrap" }}>
        <output className="input mono" style={{ background: "#f9fafb", overflowX: "auto", whiteSpace: "nowrap" }} data-testid={testId} aria-label={label}>
          {value}
        </output>
        <CopyButton value={value} label={`Copy`} />
      </div>
    </div>
  );
}
