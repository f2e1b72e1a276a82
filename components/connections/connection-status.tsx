// The status badges of a connection: last test, degraded, and "scope changed". Server- and client-safe.
export function ConnectionStatus({
  lastTestAt,
  lastTestOk,
  degraded,
  scopeChanged,
}: {
  lastTestAt: Date | string | null;
  lastTestOk: boolean | null;
  degraded: boolean;
  scopeChanged: boolean;
}) {
  return (
    <span className="conn-badges">
      {lastTestAt === null ? (
        <span className="badge">Never tested</span>
      ) : lastTestOk ? (
        <span className="badge ok">Passed</span>
      ) : (
        <span className="badge fail">Failed</span>
      )}
      {degraded && (
        <span className="badge warn" title="The last test used a cached value because the secrets provider was unavailable.">
          Degraded
        </span>
      )}
      {scopeChanged && (
        <span className="badge warn" title="A secret reference was saved under a secrets configuration that is no longer active: re-point it.">
          Scope changed
        </span>
      )}
    </span>
  );
}
