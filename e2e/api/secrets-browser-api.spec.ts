import { expect, seed, signIn, test } from "../fixtures";

// The secret browser's API answers problem+json (RFC 9457) on every failure; the browser shows `detail`.
const PROBLEM = "application/problem+json";

test("the secrets browser API answers every failure with a problem", async ({ page, request }) => {
  const ws = await seed.workspace();
  const url = `/api/v1/workspaces/${ws.id}/secrets`;

  const anonymous = await request.get(url);
  expect(anonymous.status()).toBe(401);
  expect(anonymous.headers()["content-type"]).toBe(PROBLEM);
  expect(await anonymous.json()).toMatchObject({ type: "https://serverlessworkflow.io/spec/1.0.0/errors/authentication", status: 401, instance: url });

  await signIn(page, ws.member.email);
  const refused = await page.request.get(url);
  expect(refused.status()).toBe(403);
  expect(refused.headers()["content-type"]).toBe(PROBLEM);
  expect(await refused.json()).toMatchObject({ status: 403, code: "FORBIDDEN", detail: "Only workspace owners and admins can do this." });

  const badQuery = await page.request.get(`${url}?config=everything`);
  expect(badQuery.status()).toBe(400);
  expect(await badQuery.json()).toMatchObject({ status: 400, errors: [{ field: "config" }] });
  expect((await page.request.get(`/api/v1/workspaces/not-a-number/secrets`)).status()).toBe(404);
  await page.context().clearCookies();

  await signIn(page, ws.admin.email);
  const unconfigured = await page.request.get(url);
  expect(unconfigured.status()).toBe(404);
  expect(unconfigured.headers()["content-type"]).toBe(PROBLEM);
  expect(await unconfigured.json()).toMatchObject({ status: 404, detail: "No secrets provider is configured here yet.", instance: url });
});
