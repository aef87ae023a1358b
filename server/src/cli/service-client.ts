import { randomUUID } from 'node:crypto';
import { importJWK, SignJWT } from 'jose';
import {
  CLIENT_ASSERTION_TYPE,
  type CreateServiceRequestBody,
  type DepositResponse,
  type ErrorBody,
  type GrantedDocumentPrelude,
  type PrepareDepositResponse,
  type ServiceGrantResponse,
  type ServiceRequestResponse,
  type ServiceRequestView,
  type ServiceTokenResponse,
} from '../contracts/index.js';
import type { ServiceSecretFile } from './service-tool.js';

/**
 * The city-service tool's HTTP side (issue 5, docs/api/service-api.openapi.json): a bearer token
 * from a client assertion signed with the service's key (RFC 7523 §2.2, jose), then the
 * service API. It only moves bytes; decryption and encryption are in service-documents.ts.
 */

/** A refusal or failure from the vault, with its stable code when it sent one. */
export class ServiceApiError extends Error {
  readonly status: number;
  readonly code: string | null;
  constructor(status: number, code: string | null, message: string) {
    super(message);
    this.name = 'ServiceApiError';
    this.status = status;
    this.code = code;
  }
}

/** A granted document as read: the prelude, and a reader of the ciphertext that follows it. */
export interface GrantedRead {
  prelude: GrantedDocumentPrelude;
  /** The chunk ciphertexts, in pieces of any size, in order. */
  ciphertext: AsyncIterable<Uint8Array>;
}

/** An assertion lives one minute; a token is renewed this long before it expires. */
const ASSERTION_LIFETIME_S = 60;
const TOKEN_MARGIN_MS = 30_000;

/** Options for {@link ServiceClient}. */
export interface ServiceClientOptions {
  /** The vault's origin, e.g. https://vault.example.city (also the assertion's `aud`). */
  vault: string;
  secret: ServiceSecretFile;
  now?: () => Date;
}

/** A city service's client of the vault. */
export class ServiceClient {
  readonly #vault: string;
  readonly #secret: ServiceSecretFile;
  readonly #now: () => Date;
  #token: { value: string; renewAt: number } | null = null;

  constructor(options: ServiceClientOptions) {
    this.#vault = new URL(options.vault).origin;
    this.#secret = options.secret;
    this.#now = options.now ?? (() => new Date());
  }

  /** A bearer token: a fresh one from a fresh client assertion when the last one is near its end. */
  async token(): Promise<string> {
    const now = this.#now().getTime();
    if (this.#token && now < this.#token.renewAt) return this.#token.value;
    const { id, authAlgorithm, authPrivateJwk } = this.#secret;
    const key = await importJWK(authPrivateJwk, authAlgorithm);
    const nowS = Math.floor(now / 1000);
    const assertion = await new SignJWT({ jti: randomUUID() })
      .setProtectedHeader({ alg: authAlgorithm, kid: authPrivateJwk['kid'] ?? '' })
      .setIssuer(id)
      .setSubject(id)
      .setAudience(this.#vault)
      .setIssuedAt(nowS)
      .setExpirationTime(nowS + ASSERTION_LIFETIME_S)
      .sign(key);
    const res = await fetch(`${this.#vault}/api/v1/service/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_assertion_type: CLIENT_ASSERTION_TYPE,
        client_assertion: assertion,
      }).toString(),
    });
    const body = (await res.json()) as ServiceTokenResponse & { code?: string; message?: string };
    if (res.status !== 200) {
      throw new ServiceApiError(res.status, body.code ?? null, body.message ?? 'token refused');
    }
    this.#token = {
      value: body.access_token,
      renewAt: now + body.expires_in * 1000 - TOKEN_MARGIN_MS,
    };
    return body.access_token;
  }

  async #call(method: string, path: string, init: { json?: unknown; bytes?: Uint8Array } = {}) {
    const headers: Record<string, string> = { authorization: `Bearer ${await this.token()}` };
    let body: string | Blob | undefined;
    if (init.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(init.json);
    } else if (init.bytes !== undefined) {
      headers['content-type'] = 'application/octet-stream';
      body = new Blob([Buffer.from(init.bytes)]);
    }
    const res = await fetch(`${this.#vault}/api/v1/service${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body }),
    });
    if (res.status >= 400) {
      const text = await res.text();
      let error: ErrorBody['error'] | undefined;
      try {
        error = (JSON.parse(text) as Partial<ErrorBody>).error;
      } catch {
        error = undefined;
      }
      throw new ServiceApiError(res.status, error?.code ?? null, error?.message ?? res.statusText);
    }
    return res;
  }

  async #json<T>(
    method: string,
    path: string,
    json?: unknown,
  ): Promise<{ status: number; body: T }> {
    const res = await this.#call(method, path, json === undefined ? {} : { json });
    return { status: res.status, body: (await res.json()) as T };
  }

  async createRequest(body: CreateServiceRequestBody): Promise<ServiceRequestView> {
    return (await this.#json<ServiceRequestResponse>('POST', '/requests', body)).body.request;
  }

  async getRequest(id: string): Promise<ServiceRequestView> {
    return (await this.#json<ServiceRequestResponse>('GET', `/requests/${enc(id)}`)).body.request;
  }

  /**
   * Polls a request until it is answered (or lapsed), with a backoff from 0.5 s up to 10 s;
   * null if `timeoutMs` passed first.
   */
  async waitForAnswer(
    id: string,
    {
      timeoutMs,
      sleep = defaultSleep,
    }: { timeoutMs: number; sleep?: (ms: number) => Promise<void> },
  ): Promise<ServiceRequestView | null> {
    const deadline = Date.now() + timeoutMs;
    let delay = 500;
    for (;;) {
      const request = await this.getRequest(id);
      if (request.status !== 'pending') return request;
      const left = deadline - Date.now();
      if (left <= 0) return null;
      await sleep(Math.min(delay, left));
      delay = Math.min(delay * 2, 10_000);
    }
  }

  async getGrant(id: string): Promise<ServiceGrantResponse['grant']> {
    return (await this.#json<ServiceGrantResponse>('GET', `/grants/${enc(id)}`)).body.grant;
  }

  /** Reads a granted document: the prelude, then the ciphertext as it arrives. */
  async readGrantedDocument(
    grantId: string,
    documentId: string,
    purpose: string,
  ): Promise<GrantedRead> {
    const res = await this.#call(
      'GET',
      `/grants/${enc(grantId)}/documents/${enc(documentId)}?purpose=${enc(purpose)}`,
    );
    if (!res.body) throw new ServiceApiError(res.status, null, 'the read has no body');
    return splitGrantedBody(res.body);
  }

  async prepareDeposit(nationalId: string): Promise<PrepareDepositResponse> {
    return (await this.#json<PrepareDepositResponse>('POST', '/deposits', { nationalId })).body;
  }

  /** Sends a framed deposit body; `created` is false when the vault had this very deposit. */
  async deposit(
    documentId: string,
    body: Uint8Array,
  ): Promise<{ created: boolean; deposit: DepositResponse }> {
    const res = await this.#call('PUT', `/deposits/${enc(documentId)}`, { bytes: body });
    return { created: res.status === 201, deposit: (await res.json()) as DepositResponse };
  }
}

const enc = encodeURIComponent;
const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The longest prelude the tool accepts from a vault. */
const MAX_PRELUDE_BYTES = 64 * 1024;

/**
 * Splits `u32 n ‖ n bytes of JSON ‖ ciphertext` as it streams in: reads just enough for the
 * prelude, then hands over the rest of the stream untouched.
 */
async function splitGrantedBody(stream: ReadableStream<Uint8Array>): Promise<GrantedRead> {
  const reader = stream.getReader();
  let held = new Uint8Array(0);
  const need = async (n: number) => {
    while (held.length < n) {
      const { value, done } = await reader.read();
      if (done) throw new ServiceApiError(200, null, 'the read ended inside its prelude');
      const joined = new Uint8Array(held.length + value.length);
      joined.set(held);
      joined.set(value, held.length);
      held = joined;
    }
  };
  await need(4);
  const n = new DataView(held.buffer, held.byteOffset, 4).getUint32(0);
  if (n === 0 || n > MAX_PRELUDE_BYTES) throw new ServiceApiError(200, null, 'bad prelude length');
  await need(4 + n);
  const prelude = JSON.parse(
    new TextDecoder('utf-8', { fatal: true }).decode(held.subarray(4, 4 + n)),
  ) as GrantedDocumentPrelude;
  const rest = held.subarray(4 + n);
  async function* ciphertext(): AsyncIterable<Uint8Array> {
    if (rest.length > 0) yield rest;
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      yield value;
    }
  }
  return { prelude, ciphertext: ciphertext() };
}
