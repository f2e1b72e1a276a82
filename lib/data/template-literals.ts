import "server-only";
// The upgrade step for templates saved before their literal parts were encrypted (docs/data-model.md): each
// template field still stored whole in clear gets its full text encrypted under its connection's data key and
// the column replaced by the masked text; workflow secrets of kind "reference" likewise. Until a row is migrated
// it keeps working as it was (a template without ciphertext is read as stored), so the step may run at any
// time; start runs it once (instrumentation.ts).
import { db } from "@/lib/db";
import { encryptValue, unwrapDataKey } from "@/lib/crypto/envelope";
import { getMasterKey } from "@/lib/crypto/keyring";
import { maskTemplate, TEMPLATE_MASK } from "@/lib/secrets/references";
import { fieldAad } from "./credential-fields";
import { literalContext, sealWorkflowTemplate } from "./workflow-secrets";

/** Encrypts every template stored in clear that has literal parts; returns how many rows it changed. */
export async function encryptTemplateLiterals(): Promise<number> {
  const rows = await db.credentialField.findMany({
    where: { mode: "template", ciphertext: null },
    select: { id: true, name: true, template: true, connection: { select: { id: true, wrappedDataKey: true } } },
  });
  let changed = 0;
  for (const row of rows) {
    const template = row.template ?? "";
    const masked = maskTemplate(template);
    if (masked === template) continue;
    const dataKey = unwrapDataKey(row.connection.wrappedDataKey, getMasterKey());
    const enc = encryptValue(template, dataKey, fieldAad(row.connection.id, row.name));
    // Only a row still in clear is replaced: a save in between wins.
    const { count } = await db.credentialField.updateMany({ where: { id: row.id, ciphertext: null, template }, data: { template: masked, ...enc } });
    changed += count;
  }
  return changed + (await encryptWorkflowTemplateLiterals());
}

/** The same for workflow secrets of kind "reference" (a json-reference is one reference and nothing else). */
async function encryptWorkflowTemplateLiterals(): Promise<number> {
  const rows = await db.workflowSecret.findMany({
    where: { kind: "reference", ciphertext: null },
    select: { id: true, projectId: true, name: true, template: true },
  });
  let changed = 0;
  for (const row of rows) {
    const template = row.template ?? "";
    if (maskTemplate(template) === template || template.includes(TEMPLATE_MASK)) continue;
    const sealed = sealWorkflowTemplate(template, literalContext(row.projectId, row.name));
    const { count } = await db.workflowSecret.updateMany({ where: { id: row.id, ciphertext: null, template }, data: sealed });
    changed += count;
  }
  return changed;
}
