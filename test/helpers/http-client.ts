/** A response as tests see it: status, headers, the parsed JSON body (or text), Set-Cookie lines. */
export interface TestResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
  setCookies: string[];
  location: string | null;
}

/**
 * A tiny HTTP client with a cookie jar, speaking to the vault as its web app does: same Origin
 * header, JSON bodies, no automatic redirects (tests follow them on purpose).
 */
export class HttpClient {
  readonly origin: string;
  readonly cookies = new Map<string, string>();
  userAgent = 'Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0 test-client';

  constructor(origin: string) {
    this.origin = origin;
  }

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async request<T = unknown>(
    method: string,
    url: string,
    options: { json?: unknown; body?: string; headers?: Record<string, string> } = {},
  ): Promise<TestResponse<T>> {
    const target = new URL(url, this.origin);
    const headers: Record<string, string> = {
      'user-agent': this.userAgent,
      accept: 'application/json',
    };
    if (target.origin === this.origin && this.cookies.size > 0)
      headers['cookie'] = this.cookieHeader();
    if (method !== 'GET' && method !== 'HEAD') headers['origin'] = this.origin;
    let body: string | undefined;
    if (options.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.json);
    } else if (options.body !== undefined) {
      body = options.body;
    }
    Object.assign(headers, options.headers);
    for (const [k, v] of Object.entries(headers)) if (v === '') delete headers[k];
    const res = await fetch(target, { method, headers, body, redirect: 'manual' });
    const setCookies = res.headers.getSetCookie();
    if (target.origin === this.origin) {
      for (const line of setCookies) {
        const [pair] = line.split(';');
        const eq = pair!.indexOf('=');
        const name = pair!.slice(0, eq).trim();
        const value = pair!.slice(eq + 1).trim();
        if (/Max-Age=0/i.test(line) || value === '') this.cookies.delete(name);
        else this.cookies.set(name, value);
      }
    }
    const text = await res.text();
    let parsed: unknown = text;
    if ((res.headers.get('content-type') ?? '').includes('json') && text.length > 0) {
      parsed = JSON.parse(text);
    }
    return {
      status: res.status,
      headers: res.headers,
      body: parsed as T,
      text,
      setCookies,
      location: res.headers.get('location'),
    };
  }

  /**
   * Sends and receives raw bytes (chunk uploads, content downloads): `body` goes out as
   * `application/octet-stream` unless a content type is given; the answer's bytes are in `bytes`,
   * and a JSON answer (an error) is parsed into `body` as usual.
   */
  async requestBytes<T = unknown>(
    method: string,
    url: string,
    options: { body?: Uint8Array; headers?: Record<string, string> } = {},
  ): Promise<TestResponse<T> & { bytes: Buffer }> {
    const target = new URL(url, this.origin);
    const headers: Record<string, string> = { 'user-agent': this.userAgent, accept: '*/*' };
    if (this.cookies.size > 0) headers['cookie'] = this.cookieHeader();
    if (method !== 'GET' && method !== 'HEAD') headers['origin'] = this.origin;
    if (options.body !== undefined) headers['content-type'] = 'application/octet-stream';
    Object.assign(headers, options.headers);
    for (const [k, v] of Object.entries(headers)) if (v === '') delete headers[k];
    const res = await fetch(target, {
      method,
      headers,
      // A copy typed as a plain ArrayBuffer view, which every BodyInit typing accepts.
      ...(options.body !== undefined ? { body: Buffer.from(options.body) } : {}),
      redirect: 'manual',
    });
    const bytes = Buffer.from(await res.arrayBuffer());
    const isJson = (res.headers.get('content-type') ?? '').includes('json');
    const text = isJson ? bytes.toString('utf8') : '';
    return {
      status: res.status,
      headers: res.headers,
      body: (isJson && text.length > 0 ? JSON.parse(text) : undefined) as T,
      text,
      bytes,
      setCookies: res.headers.getSetCookie(),
      location: res.headers.get('location'),
    };
  }

  get<T = unknown>(url: string, headers?: Record<string, string>) {
    return this.request<T>('GET', url, headers ? { headers } : {});
  }

  post<T = unknown>(url: string, json: unknown = {}, headers?: Record<string, string>) {
    return this.request<T>('POST', url, { json, ...(headers ? { headers } : {}) });
  }
}
