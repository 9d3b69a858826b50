/**
 * GET requests with a bearer token: attaches the current token, and on a 401 asks the token
 * manager for a replacement (one shared renewal for all requests that saw the same 401) and
 * retries exactly once. A second 401 means Jamf rejects even fresh tokens: an auth problem, not a
 * race. Any other non-2xx becomes a typed error.
 */
import type { HttpTransport, JamfRawResponse } from './http-transport';
import type { TokenManager } from './token-manager';
import { errorForResponse } from './response-errors';

export class AuthorizedRequests {
  constructor(
    private readonly transport: HttpTransport,
    private readonly tokens: TokenManager,
    private readonly context: { baseUrl: string; authKind: 'client' | 'user' },
  ) {}

  /** The 2xx response to `GET path?query`, or a typed `JamfError` (`shrinkable`: see `JamfRequest`). */
  async get(path: string, query?: URLSearchParams, options: { shrinkable?: boolean } = {}): Promise<JamfRawResponse> {
    const send = (token: string) =>
      this.transport.execute({ method: 'GET', path, query, headers: { Authorization: `Bearer ${token}` }, shrinkable: options.shrinkable });

    const token = await this.tokens.getToken();
    let response = await send(token);
    if (response.status === 401) {
      response = await send(await this.tokens.tokenAfterRejection(token));
    }
    if (response.status >= 200 && response.status < 300) return response;
    throw errorForResponse(response, { ...this.context, path });
  }
}
