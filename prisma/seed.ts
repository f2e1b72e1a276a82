// Seeds the embedded demo into an empty database and prints the sign-in details once. Safe to run again: it
// does nothing when a workspace exists.
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/data/audit";
import { env } from "@/lib/env";
import { generateOneTimePassword, hashPassword } from "@/lib/auth/password";
import { DEMO_EGRESS_ALLOW_LIST, DEMO_PROJECTS, DEMO_USERS, DEMO_WORKSPACE } from "./seed-data";
import { seedDemoProviders, type DemoEndpoints } from "./seed-providers";

interface SeedResult {
  created: boolean;
  admin?: { email: string; password: string; generated: boolean };
  users?: Array<{ email: string; oneTimePassword: string }>;
}

/** Seeds the demo; with emulator endpoints, also a provider and connections per project. */
export async function seedDemo(endpoints?: DemoEndpoints): Promise<SeedResult> {
  if ((await db.workspace.count()) > 0) return { created: false };
  const adminEmail = (env.ADMIN_EMAIL ?? "admin@keyhold.local").toLowerCase();
  const adminPassword = env.ADMIN_PASSWORD ?? generateOneTimePassword();
  const adminHash = await hashPassword(adminPassword);
  const userSecrets = await Promise.all(
    DEMO_USERS.map(async (u) => {
      const oneTimePassword = generateOneTimePassword();
      return { ...u, oneTimePassword, passwordHash: await hashPassword(oneTimePassword) };
    }),
  );
  const { workspaceId, projects, admin } = await db.$transaction(async (tx) => {
    const ws = await tx.workspace.create({ data: { ...DEMO_WORKSPACE, egressAllowList: DEMO_EGRESS_ALLOW_LIST } });
    const projects = new Map<string, number>();
    for (const p of DEMO_PROJECTS) {
      const project = await tx.project.create({ data: { ...p, workspaceId: ws.id } });
      projects.set(p.name, project.id);
    }
    const admin = await tx.user.create({ data: { email: adminEmail, name: "Workspace Owner", passwordHash: adminHash } });
    await tx.workspaceMembership.create({ data: { workspaceId: ws.id, userId: admin.id, role: "owner" } });
    for (const u of userSecrets) {
      const user = await tx.user.create({ data: { email: u.email, name: u.name, passwordHash: u.passwordHash, mustChangePassword: true } });
      await tx.workspaceMembership.create({ data: { workspaceId: ws.id, userId: user.id, role: u.workspaceRole } });
      for (const [projectName, role] of Object.entries(u.projectRoles)) {
        await tx.projectMembership.create({ data: { projectId: projects.get(projectName)!, userId: user.id, role } });
      }
    }
    // Through recordAudit, so the demo's first event starts its workspace's hash chain.
    await recordAudit({ workspaceId: ws.id, actorLabel: "system", action: "workspace.seeded", detail: { projects: DEMO_PROJECTS.length } }, tx);
    return { workspaceId: ws.id, projects, admin };
  });
  if (endpoints) await seedDemoProviders(admin, workspaceId, projects, endpoints);
  return {
    created: true,
    admin: { email: adminEmail, password: adminPassword, generated: !env.ADMIN_PASSWORD },
    users: userSecrets.map((u) => ({ email: u.email, oneTimePassword: u.oneTimePassword })),
  };
}

export function printSeedResult(result: SeedResult): void {
  if (!result.created || !result.admin) return;
  const lines = [
    "",
    "  Keyhold demo workspace created. Sign in with (shown only this once):",
    `    email:    ${result.admin.email}`,
    `    password: ${result.admin.generated ? result.admin.password : "(from ADMIN_PASSWORD)"}`,
    "",
    "  Demo users (one-time passwords; they choose their own at first sign-in):",
    ...(result.users ?? []).map((u) => `    ${u.email.padEnd(28)} ${u.oneTimePassword}`),
    "",
  ];
  console.log(lines.join("\n"));
}

if (process.argv[1]?.endsWith("seed.ts")) {
  // Without emulators running, only users and projects are seeded.
  seedDemo()
    .then(printSeedResult)
    .then(() => db.$disconnect())
    .catch((err) => {
      console.error(err);
      process.exit(1);
    });
}
