// The reference-policy editor's forms (docs/threat-model.md "Reference policy"). The secret pattern is checked
// for the owner's provider kind in the data layer's terms (lib/secrets/reference-policy.ts), destinations one by one.
import { z } from "zod";
import { destinationPatternProblem, secretPatternProblem } from "@/lib/secrets/reference-policy";
import { PROVIDER_KINDS } from "@/lib/secrets/types";
import { impactTokenField } from "./impact";

const idField = z.coerce
  .number()
  .int()
  .positive()
  .max(2 ** 31 - 1);

export const addPolicyEntrySchema = z
  .object({
    kind: z.enum(PROVIDER_KINDS),
    secretPattern: z.string().trim(),
    destinations: z
      .string()
      .max(5000, "At most 5,000 characters.")
      .transform((v) => [...new Set(v.split(/[\s,]+/).filter(Boolean))])
      .pipe(z.array(z.string()).min(1, "Name at least one destination (host or host:port).").max(50, "At most 50 destinations.")),
  })
  .superRefine((v, ctx) => {
    const secretProblem = secretPatternProblem(v.kind, v.secretPattern);
    if (secretProblem) ctx.addIssue({ code: "custom", path: ["secretPattern"], message: secretProblem });
    const destinationProblem = v.destinations.map(destinationPatternProblem).find((p) => p !== null);
    if (destinationProblem) ctx.addIssue({ code: "custom", path: ["destinations"], message: destinationProblem });
  });

export const removePolicyEntrySchema = z.object({ entryId: idField, impactToken: impactTokenField });
