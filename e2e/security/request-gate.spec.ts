// Item "Requests Next itself answers with 500" (docs/threat-model.md): against the real server, the request gate
// in proxy.ts answers what Next used to answer with HTTP 500 (a cross-origin action, a broken multipart body, a
// JSON body to a form action) with a problem+json 4xx, and a same-origin call of the same action still works.
import { expect, test } from "../fixtures";
import { actionBody } from "./action-call";
import { actionsFromManifest, BASE } from "./surface";

const signIn = () => actionsFromManifest().find((a) => a.name === "signInAction")!;
const post = (headers: Record<string, string>, body: BodyInit) =>
  fetch(`${BASE}/login`, { method: "POST", headers: { "next-action": signIn().id, accept: "text/x-component", ...headers }, body, redirect: "manual" });
const form = () => actionBody({ email: "nobody@e2e.keyhold.local", password: "not-the-password-1" });

async function problem(response: Response, status: number) {
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toBe("application/problem+json");
  return (await response.json()) as { detail: string };
}

test("cross-origin, broken and non-form action posts get a 4xx problem, never a 500", async () => {
  expect((await problem(await post({ origin: "https://attacker.test" }, form()), 403)).detail).toMatch(/Cross-origin/);
  expect((await problem(await post({ origin: "null" }, form()), 403)).detail).toMatch(/Cross-origin/);

  const broken = await post(
    { origin: BASE, "content-type": "multipart/form-data; boundary=XX" },
    '--XX\r\nContent-Disposition: form-data; name="0"\r\n\r\n[nu',
  );
  expect((await problem(broken, 400)).detail).toMatch(/could not be read/);

  const json = await post({ origin: BASE, "content-type": "application/json" }, JSON.stringify({ email: "a@b.c", password: "x" }));
  expect((await problem(json, 415)).detail).toMatch(/multipart\/form-data/);

  const notAForm = new FormData();
  notAForm.append("0", '[{"email":"a@b.c"}]');
  expect((await problem(await post({ origin: BASE }, notAForm), 400)).detail).toMatch(/not a form/);

  // Control: the same action from the console's own origin runs and answers its own result.
  const ok = await post({ origin: BASE }, form());
  expect(ok.status).toBe(200);
  expect(await ok.text()).toContain('"ok":false');
});

test("a cross-origin write to the API with the session cookie is refused; a token call is not the gate's business", async () => {
  const cookie = await fetch(`${BASE}/api/v1/connections/1/test`, {
    method: "POST",
    headers: { origin: "https://attacker.test", cookie: "kh_session=anything", "content-type": "text/plain" },
    body: "{}",
  });
  expect((await problem(cookie, 403)).detail).toMatch(/session cookie/);
  const token = await fetch(`${BASE}/api/v1/connections/1/test`, {
    method: "POST",
    headers: { origin: "https://attacker.test", authorization: "Bearer kh_nope" },
  });
  expect(token.status).toBe(401);
});
