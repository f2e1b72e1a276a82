// Secret health flags of one connection's fields ("the password secret expires in 3 days"), from the rotation
// poll's metadata (docs/rotation.md). Server-rendered: no JavaScript.
import type { HealthFlag } from "@/lib/secrets/health";

export function SecretFlags({ flags, compact = false }: { flags?: ReadonlyArray<HealthFlag & { field: string }>; compact?: boolean }) {
  if (!flags?.length) return null;
  return (
    <ul className={`secret-flags${compact ? " compact" : ""}`} aria-label="Secret health">
      {flags.map((f) => (
        <li key={`${f.field}-${f.kind}`} className={`secret-flag ${f.severity}`}>
          {f.field ? `The ${f.field} secret` : "This secret"} {f.text}
        </li>
      ))}
    </ul>
  );
}
