import { describe, expect, it } from "vitest";
import { secretsManagerOrigin } from "./endpoint";

describe("secretsManagerOrigin: the origin a group-routed AWS configuration's jobs are pinned to", () => {
  it("is the region's endpoint in its partition without overrides", () => {
    expect(secretsManagerOrigin("eu-west-1", {})).toBe("https://secretsmanager.eu-west-1.amazonaws.com");
    expect(secretsManagerOrigin("cn-north-1", {})).toBe("https://secretsmanager.cn-north-1.amazonaws.com.cn");
  });

  it("follows the SDK's endpoint variables: the service's first, then the global one, unless ignored", () => {
    const env = { AWS_ENDPOINT_URL: "http://127.0.0.1:4566/", AWS_ENDPOINT_URL_SECRETS_MANAGER: "https://sm.internal:8443/path" };
    expect(secretsManagerOrigin("us-east-1", env)).toBe("https://sm.internal:8443");
    expect(secretsManagerOrigin("us-east-1", { AWS_ENDPOINT_URL: env.AWS_ENDPOINT_URL })).toBe("http://127.0.0.1:4566");
    expect(secretsManagerOrigin("us-east-1", { ...env, AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: "true" })).toBe("https://secretsmanager.us-east-1.amazonaws.com");
  });
});
