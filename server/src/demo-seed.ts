import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import { runServiceTool, REGISTRATION_FILE, SECRET_FILE } from './cli/service-tool.js';
import { serviceRegistrationFile, toCityService } from './cli/service-registration.js';
import type { Config } from './config.js';
import type { AccessLogService } from './modules/access-log/index.js';
import { createServiceRequest } from './modules/city-services/index.js';
import type { ResidentNotifier } from './modules/notifications/index.js';
import type { VaultStorage } from './storage/index.js';

/** The demo city service that `npm start` registers (VAULT_DEMO=true, local eID only). */
export const DEMO_SERVICE_ID = 'demo-registry-office';
/** The demo resident who finds a request waiting in their inbox. */
export const DEMO_RESIDENT_ACCOUNT = 'demo-maria-rossi';
/** Where the demo service's keys are kept, inside the vault's data directory. */
export const demoServiceDir = (config: Config) => path.join(config.dataDir, 'demo-city-service');

export interface DemoSeedDeps {
  config: Config;
  storage: VaultStorage;
  logger: Logger;
  now: () => Date;
  accessLog: AccessLogService;
  notifier: ResidentNotifier;
}

/**
 * The newcomer's walkthrough (issue 5): a demo registry office, registered the way an operator
 * would (its keys made with the city-service tool, kept in the data directory so that
 * `npm run service -- … --dir <data>/demo-city-service` acts as that office), and one request from
 * it waiting in Maria Rossi's inbox. Idempotent: run at every start, it adds only what is missing.
 */
export async function seedDemo(deps: DemoSeedDeps): Promise<void> {
  const { config, storage, logger } = deps;
  const dir = demoServiceDir(config);
  if (!fs.existsSync(path.join(dir, SECRET_FILE))) {
    const quiet = { out: () => undefined, err: (line: string) => logger.warn(line) };
    const status = await runServiceTool(
      [
        'init',
        '--dir',
        dir,
        '--id',
        DEMO_SERVICE_ID,
        '--name-en',
        'Registry office (demo)',
        '--name-it',
        'Ufficio anagrafe (demo)',
        '--purpose',
        'residence-certificate|Issue a certificate of residence|Rilasciare un certificato di residenza',
        '--legal-basis',
        'public-task',
      ],
      quiet,
    );
    if (status !== 0) throw new Error(`demo: the city-service tool exited with ${status}`);
  }
  const registration = serviceRegistrationFile.parse(
    JSON.parse(fs.readFileSync(path.join(dir, REGISTRATION_FILE), 'utf8')),
  );
  const service = await toCityService(registration, deps.now());
  await storage.registerCityService(service);
  const registered = (await storage.getCityService(DEMO_SERVICE_ID))!;

  // The resident the local eID will sign in as Maria Rossi (same issuer and subject).
  const { DEMO_RESIDENTS } = await import('./modules/local-eid/index.js');
  const demo = DEMO_RESIDENTS.find((r) => r.accountId === DEMO_RESIDENT_ACCOUNT)!;
  const resident = await storage.upsertResidentFromEid(
    {
      issuer: config.eid.issuer,
      subject: demo.accountId,
      nationalId: demo.fiscalNumber,
      displayName: `${demo.givenName} ${demo.familyName}`,
      birthdate: demo.birthdate,
      acr: null,
    },
    deps.now(),
  );
  const waiting = await storage.listResidentRequests(resident.id, 1);
  if (waiting.length === 0) {
    const answerBy = new Date(deps.now().getTime() + 14 * 86_400_000);
    await createServiceRequest(deps, registered, {
      nationalId: demo.fiscalNumber,
      categories: ['identity', 'residence'],
      purpose: 'residence-certificate',
      legalBasis: 'public-task',
      retentionDays: 30,
      answerBy: answerBy.toISOString(),
    });
  }
  logger.info(
    { service: DEMO_SERVICE_ID, keys: dir, resident: DEMO_RESIDENT_ACCOUNT },
    'demo: a city service and a request for Maria Rossi are ready',
  );
}
