// Error bodies in the shape Google APIs answer over REST (google.rpc.Status as JSON):
// { "error": { "code": <http>, "message": ..., "status": "<CANONICAL_CODE>", "details": [...] } }
export interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

const HTTP_STATUS: Record<string, number> = {
  INVALID_ARGUMENT: 400,
  FAILED_PRECONDITION: 400,
  UNAUTHENTICATED: 401,
  PERMISSION_DENIED: 403,
  NOT_FOUND: 404,
  RESOURCE_EXHAUSTED: 429,
  UNIMPLEMENTED: 501,
  INTERNAL: 500,
  UNAVAILABLE: 503,
};

const SERVICE = "secretmanager.googleapis.com";
const methodName = (rpc: string) => `google.cloud.secretmanager.v1.SecretManagerService.${rpc}`;

export function googleError(status: keyof typeof HTTP_STATUS | string, message: string, details?: unknown[]): Reply {
  const code = HTTP_STATUS[status] ?? 500;
  return { status: code, body: { error: { code, message, status, ...(details ? { details } : {}) } } };
}

function errorInfo(reason: string, domain: string, metadata: Record<string, string>) {
  return { "@type": "type.googleapis.com/google.rpc.ErrorInfo", reason, domain, metadata };
}

export function permissionDenied(permission: string, resource: string, rpc: string): Reply {
  return googleError("PERMISSION_DENIED", `Permission '${permission}' denied for resource '${resource}' (or it may not exist).`, [
    errorInfo("IAM_PERMISSION_DENIED", "iam.googleapis.com", { permission, resource, service: SERVICE, method: methodName(rpc) }),
  ]);
}

export function unauthenticated(reason: "missing" | "invalid" | "expired", rpc: string): Reply {
  const message =
    reason === "missing"
      ? "Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project."
      : "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.";
  const infoReason = { missing: "CREDENTIALS_MISSING", invalid: "ACCESS_TOKEN_TYPE_UNSUPPORTED", expired: "ACCESS_TOKEN_EXPIRED" }[reason];
  const reply = googleError("UNAUTHENTICATED", message, [errorInfo(infoReason, "googleapis.com", { service: SERVICE, method: methodName(rpc) })]);
  return { ...reply, headers: { "www-authenticate": 'Bearer realm="https://accounts.google.com/"' } };
}

export function quotaExceeded(projectNumber: string, rpc: string): Reply {
  const metric = rpc === "AccessSecretVersion" ? "Access requests" : "Read requests";
  return googleError(
    "RESOURCE_EXHAUSTED",
    `Quota exceeded for quota metric '${metric}' and limit '${metric} per minute per project' of service '${SERVICE}' for consumer 'project_number:${projectNumber}'.`,
    [
      errorInfo("RATE_LIMIT_EXCEEDED", "googleapis.com", {
        service: SERVICE,
        consumer: `projects/${projectNumber}`,
        quota_metric: `${SERVICE}/${metric.toLowerCase().replace(" ", "_")}`,
      }),
    ],
  );
}

/**
 * The API is not enabled in the consumer project: the project that pays for the call, which for a service
 * account key is the account's own project unless a quota project is set (not always the secrets' project).
 */
export function serviceDisabled(consumerProject: string): Reply {
  const activationUrl = `https://console.developers.google.com/apis/api/${SERVICE}/overview?project=${consumerProject}`;
  const message = `Secret Manager API has not been used in project ${consumerProject} before or it is disabled. Enable it by visiting ${activationUrl} then retry. If you enabled this API recently, wait a few minutes for the action to propagate to our systems and retry.`;
  return googleError("PERMISSION_DENIED", message, [
    errorInfo("SERVICE_DISABLED", "googleapis.com", {
      service: SERVICE,
      consumer: `projects/${consumerProject}`,
      activationUrl,
      containerInfo: consumerProject,
      serviceTitle: "Secret Manager API",
    }),
    { "@type": "type.googleapis.com/google.rpc.LocalizedMessage", locale: "en-US", message },
    { "@type": "type.googleapis.com/google.rpc.Help", links: [{ description: "Google developers console API activation", url: activationUrl }] },
  ]);
}

export function serviceUnavailable(): Reply {
  return googleError("UNAVAILABLE", "The service is currently unavailable.");
}
