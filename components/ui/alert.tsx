export function Alert({ kind, children }: { kind: "error" | "success" | "warn" | "info"; children: React.ReactNode }) {
  return (
    <div className={`alert ${kind}`} role={kind === "error" ? "alert" : "status"}>
      {children}
    </div>
  );
}
