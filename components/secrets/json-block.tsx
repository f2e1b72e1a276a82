"use client";
import { CopyButton } from "@/components/copy-button";

/** A generated JSON document (IAM policy) to read, copy, or download as a file. */
export function JsonBlock({ title, value, fileName, testId }: { title: string; value: unknown; fileName: string; testId?: string }) {
  const text = JSON.stringify(value, null, 2);
  const download = () => {
    const url = URL.createObjectURL(new Blob([`${text}\n`], { type: "application/json" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = fileName;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 0);
  };
  return (
    <section className="code-panel" aria-label={title}>
      <div className="code-panel-head">
        <span className="label">{title}</span>
        <div className="row">
          <CopyButton value={text} label={`Copy ${title.toLowerCase()}`} />
          <button type="button" className="btn small" onClick={download} aria-label={`Download ${fileName}`} title={fileName}>
            Download
          </button>
        </div>
      </div>
      <pre className="code-block" data-testid={testId} tabIndex={0}>
        {text}
      </pre>
    </section>
  );
}
