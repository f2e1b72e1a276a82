// Liveness: the process answers. No auth, no detail.
export const dynamic = "force-dynamic";

export function GET() {
  return Response.json({ status: "ok" });
}
