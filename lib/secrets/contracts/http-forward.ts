// The seam between a provider SDK's HTTP layer and an on-prem agent (cloud profiles, docs/agent.md): a provider
// built with a `forward` function hands it each request, already authenticated by the console (a Vault token,
// a SigV4 signature, an Entra ID bearer token), and gets the answer back as it is. The engine knows nothing
// about agents; the services layer backs `forward` with one agent job per request.

export interface ForwardedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: Uint8Array;
  /** The attempt's budget: the forwarder bounds the whole round trip by it. */
  timeoutMs: number;
}

export interface ForwardedResponse {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array;
}

export type HttpForward = (request: ForwardedRequest) => Promise<ForwardedResponse>;

/** A forward function and the route it stands for (`group:<id>`), which keys the SDK clients built over it. */
export interface ForwardRouteOption {
  route: string;
  send: HttpForward;
}
