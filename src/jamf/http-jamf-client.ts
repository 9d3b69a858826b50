/**
 * The `JamfClient` port over HTTP (axios): a real Jamf Pro tenant or the simulator.
 * Composition only; the parts live in their own modules:
 * - http-transport: concurrency limit, per-attempt timeout, retries with backoff
 * - token-manager + token-requests: bearer tokens, renewal before expiry, single-flight on 401
 * - authorized-requests: token on every call, one retry after a 401, typed errors
 * - page-stream + record-validation: pages with prefetch, per-record validation
 */
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { rootCertificates } from 'node:tls';
import pino, { type Logger } from 'pino';
import type { z } from 'zod';
import { AuthorizedRequests } from './authorized-requests';
import { ConcurrencyLimiter } from './concurrency-limiter';
import { JamfConfigError, JamfNotFoundError, JamfResponseError } from './errors';
import { HttpTransport, displayBaseUrl } from './http-transport';
import {
  JAMF_RECOMMENDED_MAX_CONCURRENCY,
  resolveClientSettings,
  type HttpJamfClientOptions,
  type ResolvedClientSettings,
} from './http-jamf-client-options';
import {
  COMPUTER_SORT,
  DEFAULT_COMPUTER_SECTIONS,
  DEFAULT_MOBILE_SECTIONS,
  MAX_PAGE_SIZE,
  MOBILE_SORT,
  effectivePageSize,
  sectionParams,
} from './inventory-query';
import type { InventoryPageProgress, JamfClient, JamfClientStats, StreamOptions } from './jamf-client';
import { ComputerInventoryApiResolver, type ComputerInventoryApiChoice } from './computer-inventory-api';
import { NameLookup } from './name-lookup';
import { inventoryPageReader } from './inventory-pages';
import { streamPages } from './page-stream';
import { issuesOf, validateRecords, type InvalidRecordReport, type JamfRecordKind } from './record-validation';
import {
  computerInventoryRecordSchema,
  fileVaultRecordSchema,
  mobileDeviceDetailRecordSchema,
  mobileDeviceSingleDetailSchema,
  namedObjectSchema,
  pageEnvelopeSchema,
  singleDetailToPagedRecord,
  type ComputerInventoryRecord,
  type FileVaultRecord,
  type MobileDeviceDetailRecord,
  type NamedObject,
} from './schemas';
import { TokenManager } from './token-manager';
import { requestToken } from './token-requests';

interface InventorySpec<S extends z.ZodType> {
  kind: 'computer' | 'mobileDevice' | 'fileVault';
  path: string;
  schema: S;
  idField: string;
  sections: readonly string[];
  sort: string;
}

/** Departments and buildings are small; one page of this size usually holds them all. */
const LOOKUP_PAGE_SIZE = 500;

export class HttpJamfClient implements JamfClient {
  private readonly settings: ResolvedClientSettings;
  private readonly baseUrl: string;
  private readonly logger: Logger;
  private readonly limiter: ConcurrencyLimiter;
  private readonly transport: HttpTransport;
  private readonly tokens: TokenManager;
  private readonly requests: AuthorizedRequests;
  private readonly departments: NameLookup;
  private readonly buildings: NameLookup;
  private readonly ownedAgents: Array<HttpAgent | HttpsAgent> = [];
  private readonly now: () => number;
  private readonly computerApi: ComputerInventoryApiResolver;
  private tokenRequests = 0;
  private invalidRecords = 0;

  constructor(private readonly options: HttpJamfClientOptions) {
    this.settings = resolveClientSettings(options);
    this.baseUrl = validatedBaseUrl(options.baseUrl);
    this.logger = options.logger ?? pino({ level: 'silent' });
    this.now = options.now ?? Date.now;
    if (this.settings.maxConcurrency > JAMF_RECOMMENDED_MAX_CONCURRENCY) {
      this.logger.warn(
        { maxConcurrency: this.settings.maxConcurrency },
        'Jamf asks integrations for at most 5 concurrent connections; a higher limit may get this client throttled',
      );
    }

    this.limiter = new ConcurrencyLimiter(this.settings.maxConcurrency);
    this.transport = new HttpTransport({
      baseUrl: this.baseUrl,
      limiter: this.limiter,
      timeoutMs: this.settings.timeoutMs,
      maxAttempts: this.settings.maxAttempts,
      backoff: {
        baseDelayMs: this.settings.retryBaseDelayMs,
        maxDelayMs: this.settings.retryMaxDelayMs,
        maxRetryAfterMs: this.settings.maxRetryAfterMs,
      },
      requestBudgetMs: this.settings.requestBudgetMs,
      progressIntervalMs: options.progressIntervalMs,
      caSetting: options.caSetting,
      logger: this.logger,
      httpAgent: options.httpAgent ?? this.ownAgent(new HttpAgent({ keepAlive: true, maxSockets: this.settings.maxConcurrency })),
      httpsAgent:
        options.httpsAgent ??
        this.ownAgent(
          new HttpsAgent({
            keepAlive: true,
            maxSockets: this.settings.maxConcurrency,
            // `ca` replaces Node's trust store, so a private CA is added to it, never instead of it.
            ...(options.caCertificates ? { ca: [...rootCertificates, options.caCertificates] } : {}),
          }),
        ),
      sleep: options.sleep,
      random: options.random,
      // The client's `now` is a test seam for token lifetimes; request budgets use the real clock.
    });
    this.tokens = new TokenManager({
      requestToken: () => {
        this.tokenRequests += 1;
        return requestToken(this.transport, options.auth, this.baseUrl, this.now);
      },
      now: this.now,
      onRenewed: (reason) => this.logger.debug({ reason }, 'Jamf Pro access token obtained'),
    });
    this.requests = new AuthorizedRequests(this.transport, this.tokens, { baseUrl: this.baseUrl, authKind: options.auth.kind });
    this.computerApi = new ComputerInventoryApiResolver({
      baseUrl: this.baseUrl,
      logger: this.logger,
      pinned: options.computerInventoryApi,
      getOrNull: (path, query) => this.getOrNull(path, query),
    });
    this.departments = new NameLookup(() => this.loadNamedObjects('/api/v1/departments', 'department'));
    this.buildings = new NameLookup(() => this.loadNamedObjects('/api/v1/buildings', 'building'));
  }

  jamfProVersion(): Promise<ComputerInventoryApiChoice> {
    return this.computerApi.resolve();
  }

  streamComputers(options: StreamOptions = {}): AsyncIterable<ComputerInventoryRecord> {
    return this.streamComputerRecords(options);
  }

  streamMobileDevices(options: StreamOptions = {}): AsyncIterable<MobileDeviceDetailRecord> {
    return this.streamInventory(
      {
        kind: 'mobileDevice',
        path: '/api/v2/mobile-devices/detail',
        schema: mobileDeviceDetailRecordSchema,
        idField: 'mobileDeviceId',
        sections: options.sections ?? DEFAULT_MOBILE_SECTIONS,
        sort: MOBILE_SORT,
      },
      options,
    );
  }

  async getComputer(id: string, options: { sections?: readonly string[] } = {}): Promise<ComputerInventoryRecord | null> {
    const api = await this.computerApi.api();
    const path = `/api/${api}/computers-inventory/${encodeURIComponent(id)}`;
    const data = await this.getOrNull(path, sectionParams(options.sections ?? DEFAULT_COMPUTER_SECTIONS));
    return data === null ? null : this.parseSingle(data, computerInventoryRecordSchema, 'computer', id);
  }

  async getMobileDevice(id: string): Promise<MobileDeviceDetailRecord | null> {
    const data = await this.getOrNull(`/api/v2/mobile-devices/${encodeURIComponent(id)}/detail`);
    if (data === null) return null;
    return singleDetailToPagedRecord(this.parseSingle(data, mobileDeviceSingleDetailSchema, 'mobileDevice', id));
  }

  async *streamFileVaultKeys(options: Pick<StreamOptions, 'pageSize' | 'onInvalidRecord'> = {}): AsyncIterable<FileVaultRecord> {
    const api = await this.computerApi.api();
    // The bulk endpoint takes page and page-size only: no sections, no sort.
    yield* this.streamInventory(
      { kind: 'fileVault', path: `/api/${api}/computers-inventory/filevault`, schema: fileVaultRecordSchema, idField: 'computerId', sections: [], sort: '' },
      options,
    );
  }

  async getFileVaultKey(computerId: string): Promise<FileVaultRecord | null> {
    const api = await this.computerApi.api();
    const data = await this.getOrNull(`/api/${api}/computers-inventory/${encodeURIComponent(computerId)}/filevault`);
    return data === null ? null : this.parseSingle(data, fileVaultRecordSchema, 'fileVault', computerId);
  }

  departmentName(id: string | null | undefined): Promise<string | null> {
    return this.departments.nameOf(id);
  }

  buildingName(id: string | null | undefined): Promise<string | null> {
    return this.buildings.nameOf(id);
  }

  departmentIdByName(name: string): Promise<string | null> {
    return this.departments.idOf(name);
  }

  buildingIdByName(name: string): Promise<string | null> {
    return this.buildings.idOf(name);
  }

  stats(): JamfClientStats {
    return {
      requests: this.transport.counters.requests,
      retries: this.transport.counters.retries,
      tokenRequests: this.tokenRequests,
      invalidRecords: this.invalidRecords,
      peakConcurrency: this.limiter.peakActive,
    };
  }

  async close(): Promise<void> {
    this.tokens.clear();
    for (const agent of this.ownedAgents) agent.destroy();
  }

  // -------------------------------------------------------------------------------------------

  private async *streamComputerRecords(options: StreamOptions): AsyncGenerator<ComputerInventoryRecord> {
    const api = await this.computerApi.api();
    yield* this.streamInventory(
      {
        kind: 'computer',
        path: `/api/${api}/computers-inventory`,
        schema: computerInventoryRecordSchema,
        idField: 'id',
        sections: options.sections ?? DEFAULT_COMPUTER_SECTIONS,
        sort: COMPUTER_SORT,
      },
      options,
    );
  }

  private async *streamInventory<S extends z.ZodType>(spec: InventorySpec<S>, options: StreamOptions): AsyncGenerator<z.output<S>> {
    const pageSize = options.pageSize === undefined ? this.settings.pageSize : effectivePageSize(options.pageSize);
    if (options.pageSize !== undefined && options.pageSize > MAX_PAGE_SIZE) {
      this.logger.warn({ requested: options.pageSize, used: MAX_PAGE_SIZE }, 'Jamf caps page-size at 2000; using 2000');
    }
    const startedAt = this.now();
    let recordsSoFar = 0;

    const readPage = inventoryPageReader(
      { requests: this.requests, baseUrl: this.baseUrl, logger: this.logger, minPageSize: this.settings.minPageSize },
      { kind: spec.kind, path: spec.path, idField: spec.idField, sections: spec.sections, sort: spec.sort, filter: options.filter },
      pageSize,
    );
    const fetchPage = async (pageIndex: number) => {
      const page = await readPage(pageIndex);
      const { records, invalid } = validateRecords(page.items, spec.schema, spec.kind, spec.idField);
      // An unreadable device still counts as there: the list has not ended at it.
      return { records, invalid, unreadable: page.unreadable, rawCount: page.items.length + page.unreadable.length, totalCount: page.totalCount };
    };

    for await (const page of streamPages(fetchPage, this.settings.prefetchPages)) {
      // Reported when the page is reached, not when it was prefetched, so a caller that stops
      // early hears only about records it would have seen.
      for (const report of page.invalid) this.reportInvalid(report, options);
      for (const report of page.unreadable) options.onUnreadableDevice?.(report);
      recordsSoFar += page.records.length;
      const progress: InventoryPageProgress = {
        kind: spec.kind,
        pageIndex: page.pageIndex,
        records: page.records.length,
        invalid: page.invalid.length,
        totalCount: page.totalCount,
        recordsSoFar,
        elapsedMs: this.now() - startedAt,
      };
      this.logger.debug(progress, 'Jamf inventory page received');
      options.onPage?.(progress);
      yield* page.records;
    }
  }

  /** Body of a 2xx answer, or null on 404 ("no such object" is a normal answer for single fetches). */
  private async getOrNull(path: string, query?: URLSearchParams): Promise<unknown> {
    try {
      return (await this.requests.get(path, query)).data;
    } catch (error) {
      if (error instanceof JamfNotFoundError) return null;
      throw error;
    }
  }

  /** A single fetched object cannot be skipped like a page record: report it and fail the call. */
  private parseSingle<S extends z.ZodType>(data: unknown, schema: S, kind: JamfRecordKind, id: string): z.output<S> {
    const parsed = schema.safeParse(data);
    if (parsed.success) return parsed.data;
    const issues = issuesOf(parsed.error);
    this.reportInvalid({ kind, id, issues }, {});
    throw new JamfResponseError(
      `Jamf Pro sent ${kind} ${id} in a shape this service cannot read (${issues.map((issue) => issue.path).join(', ')}).`,
      { baseUrl: this.baseUrl, kind, id, issuePaths: issues.map((issue) => issue.path) },
    );
  }

  private async loadNamedObjects(path: string, kind: 'department' | 'building'): Promise<NamedObject[]> {
    const items: NamedObject[] = [];
    for (let page = 0; ; page += 1) {
      const query = new URLSearchParams({ page: String(page), 'page-size': String(LOOKUP_PAGE_SIZE), sort: 'id:asc' });
      const response = await this.requests.get(path, query);
      const envelope = pageEnvelopeSchema.safeParse(response.data);
      if (!envelope.success) {
        throw new JamfResponseError(`Jamf Pro answered ${path} without a {totalCount, results} page.`, { baseUrl: this.baseUrl, path });
      }
      if (envelope.data.results.length === 0) return items;
      const { records, invalid } = validateRecords(envelope.data.results, namedObjectSchema, kind, 'id');
      for (const report of invalid) this.reportInvalid(report, {});
      items.push(...records);
    }
  }

  private reportInvalid(report: InvalidRecordReport, options: Pick<StreamOptions, 'onInvalidRecord'>): void {
    this.invalidRecords += 1;
    // Ids and issue paths only: the record itself may hold personal data or recovery keys.
    this.logger.warn(
      { kind: report.kind, id: report.id, issuePaths: report.issues.map((issue) => issue.path) },
      'Skipped a Jamf record that does not match the expected shape',
    );
    options.onInvalidRecord?.(report);
    this.options.onInvalidRecord?.(report);
  }

  private ownAgent<A extends HttpAgent | HttpsAgent>(agent: A): A {
    this.ownedAgents.push(agent);
    return agent;
  }
}

export function createHttpJamfClient(options: HttpJamfClientOptions): JamfClient {
  return new HttpJamfClient(options);
}

function validatedBaseUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new JamfConfigError(`The Jamf Pro URL "${raw}" is not a valid URL; expected e.g. https://example.jamfcloud.com.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new JamfConfigError(`The Jamf Pro URL must start with https:// (got ${url.protocol}//).`);
  }
  return displayBaseUrl(url.toString());
}
