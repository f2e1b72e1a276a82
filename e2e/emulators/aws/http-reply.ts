// What a protocol handler answers: status, body and content type; the server adds the request id header.
export interface HttpReply {
  status: number;
  contentType: string;
  body: string;
}

const JSON_CONTENT_TYPE = "application/x-amz-json-1.1";

/** Secrets Manager JSON 1.1 error body. Service-modeled errors carry `Message`, front-door ones `message`. */
export function jsonError(status: number, type: string, message: string, field: "Message" | "message" = "Message"): HttpReply {
  return { status, contentType: JSON_CONTENT_TYPE, body: JSON.stringify({ __type: type, [field]: message }) };
}

export function jsonOk(payload: unknown): HttpReply {
  return { status: 200, contentType: JSON_CONTENT_TYPE, body: JSON.stringify(payload) };
}

export function escapeXml(s: string): string {
  return s.replace(/[<>&'"]/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", "'": "&apos;", '"': "&quot;" })[c]!);
}

export const STS_NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";

/** STS Query protocol error body. */
export function xmlError(status: number, code: string, message: string, requestId: string): HttpReply {
  const type = status >= 500 ? "Receiver" : "Sender";
  return {
    status,
    contentType: "text/xml",
    body:
      `<ErrorResponse xmlns="${STS_NAMESPACE}">\n  <Error>\n    <Type>${type}</Type>\n    <Code>${escapeXml(code)}</Code>\n` +
      `    <Message>${escapeXml(message)}</Message>\n  </Error>\n  <RequestId>${requestId}</RequestId>\n</ErrorResponse>\n`,
  };
}
