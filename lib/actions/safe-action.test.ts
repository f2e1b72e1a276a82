import { beforeEach, describe, expect, it, vi } from "vitest";
import { form } from "@/lib/testing/form-data";
import { redirect } from "next/navigation";
import { isRedirectError } from "next/dist/client/components/redirect-error";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { SecretsError } from "@/lib/secrets/errors";

// Authorization is the auth helpers' job (tested with the data layer); here it is a switch the tests flip.
const auth = vi.hoisted(() => ({ requireUser: vi.fn(), requireWorkspace: vi.fn(), requireProject: vi.fn() }));
vi.mock("@/lib/auth/authorize", () => auth);

const { CHECK_FIELDS, NOT_A_FORM, ownerAction, projectAction, publicAction, userAction, workspaceAction } = await import("./safe-action");

const WS_ACTOR = { userId: 7, email: "a@example.com", workspaceId: 1, workspaceRole: "admin" };
const PROJECT_ACTOR = { ...WS_ACTOR, projectId: 2, projectRole: "admin" };

const nameSchema = z.object({ name: z.string().trim().min(1, "Enter a name.") });

beforeEach(() => {
  vi.clearAllMocks();
  auth.requireUser.mockResolvedValue({ userId: 7, email: "a@example.com" });
  auth.requireWorkspace.mockResolvedValue(WS_ACTOR);
  auth.requireProject.mockResolvedValue(PROJECT_ACTOR);
});

describe("safe actions", () => {
  it("authorizes with the ids the form names, parses, and runs with the actor and the parsed input", async () => {
    const run = vi.fn(async ({ input }: { input: { name: string } }) => ({ ok: true as const, message: `Hi ${input.name}`, data: { n: 1 } }));
    const action = projectAction("project.edit", { input: nameSchema, run });
    expect(await action(null, form({ workspaceId: "1", projectId: "2", name: "  Ada " }))).toEqual({ ok: true, message: "Hi Ada", data: { n: 1 } });
    expect(auth.requireProject).toHaveBeenCalledWith("1", "2", "project.edit");
    expect(run.mock.calls[0]![0]).toMatchObject({ actor: PROJECT_ACTOR, input: { name: "Ada" } });
  });

  it("answers an authorization failure as a result and never parses or runs", async () => {
    auth.requireWorkspace.mockRejectedValue(new AppError("FORBIDDEN", "Only workspace owners and admins can do this."));
    const run = vi.fn();
    const action = workspaceAction("workspace.admin", { input: nameSchema, run });
    expect(await action(null, form({ workspaceId: "1", name: "" }))).toEqual({ ok: false, message: "Only workspace owners and admins can do this." });
    expect(auth.requireWorkspace).toHaveBeenCalledWith("1", "workspace.admin");
    expect(run).not.toHaveBeenCalled();
  });

  it("answers invalid fields with field errors, or with the action's own message when it has no visible fields", async () => {
    const run = vi.fn();
    const visible = workspaceAction("workspace.admin", { input: nameSchema, run });
    expect(await visible(null, form({ workspaceId: "1", name: " " }))).toEqual({ ok: false, message: CHECK_FIELDS, fieldErrors: { name: ["Enter a name."] } });
    const hidden = workspaceAction("workspace.admin", { input: nameSchema, invalidMessage: "Unknown token.", run });
    expect(await hidden(null, form({ workspaceId: "1" }))).toEqual({ ok: false, message: "Unknown token." });
    expect(run).not.toHaveBeenCalled();
  });

  it("gives a parser function the actor, and passes its own field errors through", async () => {
    const parser = vi.fn(async () => ({ success: false as const, fieldErrors: { token: ["Enter a value."] } }));
    const action = projectAction("project.edit", { input: parser, run: vi.fn() });
    expect(await action(null, form({ workspaceId: "1", projectId: "2", name: "x" }))).toEqual({
      ok: false,
      message: CHECK_FIELDS,
      fieldErrors: { token: ["Enter a value."] },
    });
    expect(parser).toHaveBeenCalledWith({ workspaceId: "1", projectId: "2", name: "x" }, PROJECT_ACTOR);
  });

  it.each([
    ["JSON", { workspaceId: "1", name: "x" }],
    ["text", "workspaceId=1&name=x"],
    ["undefined", undefined],
    ["null", null],
  ])("answers a typed failure, without authorizing, when given %s instead of a form", async (_kind, argument) => {
    const run = vi.fn();
    const action = workspaceAction("workspace.admin", { input: nameSchema, run });
    expect(await action(null, argument as unknown as FormData)).toEqual({ ok: false, message: NOT_A_FORM });
    expect(auth.requireWorkspace).not.toHaveBeenCalled();
    expect(run).not.toHaveBeenCalled();
  });

  it("maps an AppError to its message, and one about a field to that field's error", async () => {
    const conflict = workspaceAction("workspace.admin", {
      run: async () => {
        throw new AppError("CONFLICT", "Settings changed since you opened this dialog.");
      },
    });
    expect(await conflict(null, form({ workspaceId: "1" }))).toEqual({ ok: false, message: "Settings changed since you opened this dialog." });
    const taken = workspaceAction("workspace.admin", {
      run: async () => {
        throw new AppError("CONFLICT", "That name is already taken.", "name");
      },
    });
    expect(await taken(null, form({ workspaceId: "1" }))).toEqual({ ok: false, message: CHECK_FIELDS, fieldErrors: { name: ["That name is already taken."] } });
  });

  it("maps a SecretsError to its message and its fix", async () => {
    const denied = new SecretsError({
      code: "aws_access_denied",
      category: "authorization",
      message: "The role may not call ListSecrets.",
      fix: "Add secretsmanager:ListSecrets to the role.",
    });
    const action = ownerAction({
      run: async () => {
        throw denied;
      },
    });
    expect(await action(null, form({ workspaceId: "1" }))).toEqual({
      ok: false,
      message: "The role may not call ListSecrets. Add secretsmanager:ListSecrets to the role.",
    });
  });

  it("logs and rethrows an unknown error: it is a bug, not a result", async () => {
    const logged = vi.spyOn(log, "error").mockImplementation(() => undefined);
    const bug = new TypeError("cannot read properties of undefined");
    const action = workspaceAction("workspace.admin", {
      run: async () => {
        throw bug;
      },
    });
    await expect(action(null, form({ workspaceId: "1" }))).rejects.toBe(bug);
    expect(logged).toHaveBeenCalledWith({ err: bug }, "server action failed");
    logged.mockRestore();
  });

  it("lets Next's redirect through untouched and unlogged", async () => {
    const logged = vi.spyOn(log, "error").mockImplementation(() => undefined);
    const action = userAction({ run: async () => redirect("/account/password") }, { allowPendingPasswordChange: true });
    const thrown = await action(null, form({})).then(
      () => null,
      (err: unknown) => err,
    );
    expect(isRedirectError(thrown)).toBe(true);
    expect(auth.requireUser).toHaveBeenCalledWith({ allowPendingPasswordChange: true });
    const signOut = publicAction({ plain: true, run: async () => redirect("/login") });
    expect(
      isRedirectError(
        await signOut().then(
          () => null,
          (err: unknown) => err,
        ),
      ),
    ).toBe(true);
    expect(logged).not.toHaveBeenCalled();
    logged.mockRestore();
  });

  it("addresses the owner a secrets form names: a project (its admins) or the workspace (its admins)", async () => {
    const run = vi.fn(async () => ({ ok: true as const }));
    const action = ownerAction({ run });
    await action(null, form({ workspaceId: "1", ownerProjectId: "2", projectId: "my-gcp-project" }));
    expect(auth.requireProject).toHaveBeenCalledWith("1", "2", "project.admin");
    await action(null, form({ workspaceId: "1", ownerProjectId: "" }));
    expect(auth.requireWorkspace).toHaveBeenCalledWith("1", "workspace.admin");
    await action(null, form({ workspaceId: "1", projectId: "2" }));
    expect(auth.requireProject).toHaveBeenCalledTimes(2);
  });

  it("runs a public action without authorizing, still parsing its input", async () => {
    const action = publicAction({ input: nameSchema, run: async ({ input }) => ({ ok: true, message: input.name }) });
    expect(await action(null, form({ name: "x" }))).toEqual({ ok: true, message: "x" });
    expect(await action(null, form({}))).toMatchObject({ ok: false, fieldErrors: { name: expect.any(Array) } });
    expect(auth.requireUser).not.toHaveBeenCalled();
  });
});
