import { describe, expect, it } from "vitest";
import { gateRequest, originAllowed, replyShapeOk } from "./request-gate";

const BASE = "http://console.test:3000";

/** A multipart body as React's client sends an action: root "0" plus the form's fields under "_1_". */
function actionForm(root: string, fields: Record<string, string> = { _1_workspaceId: "1" }): FormData {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append("0", root);
  return form;
}

function post(path: string, init: { headers?: Record<string, string>; body?: BodyInit } = {}): Request {
  return new Request(`${BASE}${path}`, { method: "POST", headers: { host: "console.test:3000", ...init.headers }, body: init.body });
}

const action = (headers: Record<string, string>, body: BodyInit = actionForm('[null,"$K1"]')) =>
  post("/w/1/settings", { headers: { "next-action": "7f00", ...headers }, body });

async function problemOf(response: Response | null) {
  expect(response).not.toBeNull();
  expect(response!.headers.get("content-type")).toBe("application/problem+json");
  return { status: response!.status, body: (await response!.json()) as { detail: string; status: number } };
}

describe("request gate: server actions", () => {
  it("lets a same-origin multipart action through", async () => {
    expect(await gateRequest(action({ origin: BASE }))).toBeNull();
    expect(await gateRequest(action({}))).toBeNull(); // no Origin, no Sec-Fetch-Site: not a browser
  });

  it("refuses a cross-origin action with 403 (Next answered 500)", async () => {
    const { status, body } = await problemOf(await gateRequest(action({ origin: "https://attacker.test" })));
    expect(status).toBe(403);
    expect(body.detail).toMatch(/Cross-origin/);
    expect((await problemOf(await gateRequest(action({ origin: "null" })))).status).toBe(403);
    expect((await problemOf(await gateRequest(action({ origin: "not a url" })))).status).toBe(403);
    expect((await problemOf(await gateRequest(action({ "sec-fetch-site": "cross-site" })))).status).toBe(403);
    // Same host, other port: another origin.
    expect((await problemOf(await gateRequest(action({ origin: "http://console.test:4000" })))).status).toBe(403);
  });

  it("honours PUBLIC_URL: only its origin is the console's", async () => {
    const publicUrl = "https://keyhold.example.com";
    expect(await gateRequest(action({ origin: publicUrl }), { publicUrl })).toBeNull();
    expect((await problemOf(await gateRequest(action({ origin: BASE }), { publicUrl }))).status).toBe(403);
  });

  it("refuses JSON and text bodies with 415", async () => {
    const json = action({ origin: BASE, "content-type": "application/json" }, JSON.stringify({ workspaceId: 1 }));
    const { status, body } = await problemOf(await gateRequest(json));
    expect(status).toBe(415);
    expect(body.detail).toMatch(/multipart\/form-data/);
    expect((await problemOf(await gateRequest(action({ origin: BASE, "content-type": "text/plain" }, '[null,"x"]')))).status).toBe(415);
  });

  it("refuses a broken multipart body with 400", async () => {
    const noBoundary = action({ origin: BASE, "content-type": "multipart/form-data" }, "garbage");
    expect((await problemOf(await gateRequest(noBoundary))).status).toBe(415);
    const truncated = action(
      { origin: BASE, "content-type": "multipart/form-data; boundary=XX" },
      '--XX\r\nContent-Disposition: form-data; name="0"\r\n\r\n[nu',
    );
    const { status, body } = await problemOf(await gateRequest(truncated));
    expect(status).toBe(400);
    expect(body.detail).toMatch(/could not be read/);
  });

  it("refuses a reply that is not (previous state, form) with 400", async () => {
    for (const root of ["{}", "[]", '["x"]', "not json", '[null,"$K1","extra"]', '["$@1","$K1"]', '[{"a":"$F1"},"$K1"]']) {
      const { status, body } = await problemOf(await gateRequest(action({ origin: BASE }, actionForm(root))));
      expect(status, root).toBe(400);
      expect(body.detail).toMatch(/not a form/);
    }
    expect((await problemOf(await gateRequest(action({ origin: BASE }, actionForm("", {}))))).status).toBe(400);
  });

  it("refuses a form larger than Next's 1 MB action limit with 413", async () => {
    const big = actionForm('[null,"$K1"]', { _1_name: "x".repeat(1024 * 1024 + 1) });
    expect((await problemOf(await gateRequest(action({ origin: BASE }, big)))).status).toBe(413);
  });

  it("checks page POSTs (forms without JavaScript) for origin and type, not for the reply shape", async () => {
    const mpa = new FormData();
    mpa.append("$ACTION_ID_7f00", "");
    expect(await gateRequest(post("/login", { headers: { origin: BASE }, body: mpa }))).toBeNull();
    expect((await problemOf(await gateRequest(post("/login", { headers: { origin: "https://attacker.test" }, body: mpa })))).status).toBe(403);
    expect(
      (await problemOf(await gateRequest(post("/login", { headers: { origin: BASE, "content-type": "application/x-www-form-urlencoded" }, body: "a=1" }))))
        .status,
    ).toBe(415);
  });
});

describe("request gate: API writes", () => {
  const api = (headers: Record<string, string>, body?: string) => post("/api/v1/connections/1/test", { headers, body });

  it("leaves token calls and GETs alone", async () => {
    expect(await gateRequest(api({ authorization: "Bearer kh_x", origin: "https://attacker.test", "content-type": "text/plain" }, "x"))).toBeNull();
    expect(await gateRequest(new Request(`${BASE}/api/health`, { headers: { origin: "https://attacker.test" } }))).toBeNull();
  });

  it("refuses cross-origin or non-JSON cookie-authenticated writes", async () => {
    const cookie = "kh_session=abc";
    expect(await gateRequest(api({ cookie, origin: BASE, "content-type": "application/json" }, "{}"))).toBeNull();
    expect(await gateRequest(api({ cookie, origin: BASE }))).toBeNull();
    expect((await problemOf(await gateRequest(api({ cookie, origin: "https://attacker.test", "content-type": "application/json" }, "{}")))).status).toBe(403);
    expect((await problemOf(await gateRequest(api({ cookie, origin: BASE, "content-type": "text/plain" }, "{}")))).status).toBe(415);
  });
});

describe("origin and reply shape", () => {
  it("compares the Origin's host with the forwarded host when a proxy names one", () => {
    const request = new Request(`${BASE}/x`, { method: "POST", headers: { host: "internal:3000", "x-forwarded-host": "console.test:3000", origin: BASE } });
    expect(originAllowed(request, {})).toBe(true);
  });

  it("accepts the previous states React sends, escaped strings included", () => {
    expect(replyShapeOk(actionForm('["$K1"]'))).toBe(true);
    // A previous state holding one object twice: React sends the second as a path into the root part.
    expect(replyShapeOk(actionForm('[{"data":{"steps":[{"error":{"code":"x"}}],"first":"$0:0:data:steps:0:error"}},"$K1"]'))).toBe(true);
    expect(replyShapeOk(actionForm('[{"data":"$F1"},"$K1"]'))).toBe(false);
    expect(replyShapeOk(actionForm('[{"ok":false,"message":"$$5 owed","fieldErrors":{"name":["Enter a name."]}},"$K1"]'))).toBe(true);
    expect(replyShapeOk(actionForm('[{"ok":true,"data":{"at":"$D2026-01-01T00:00:00.000Z","n":"$undefined"}},"$K12"]'))).toBe(true);
  });
});
