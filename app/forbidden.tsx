import Link from "next/link";

export default function Forbidden() {
  return (
    <main className="auth">
      <div className="card" role="alert">
        <h1>Not allowed</h1>
        <p className="muted">Your role does not allow this page. Ask a workspace owner or admin if you need access.</p>
        <Link className="btn" href="/">
          Back to the console
        </Link>
      </div>
    </main>
  );
}
