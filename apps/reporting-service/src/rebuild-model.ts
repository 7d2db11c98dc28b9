import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/core';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { SERVICES } from '@bp/contracts';
import { createKafka, eventConsumerGroup } from '@bp/messaging';
import { mikroOrmOptions } from '@bp/persistence';
import { loadReportingServiceSettings } from './config/reporting-service-settings';
import { ormConfig } from './infrastructure/persistence/orm-config';
import { ReportRecords } from './infrastructure/persistence/report-records';
import { ReportPostings } from './infrastructure/persistence/report-postings';
import { ReportExchanges } from './infrastructure/persistence/report-exchanges';
import { ReportModel } from './application/report-model';
import { rebuildModel } from './application/model-rebuild';

/**
 * `npm run reporting:rebuild [-- --replace]`: the reporting model rebuilt from the topics beside
 * the live one, compared table by table; with --replace (the reporting-service stopped) put in its
 * place. Prints the outcome as JSON; exits 1 when the two differ or an event could not be applied.
 */
const settings = loadReportingServiceSettings();
const replace = process.argv.includes('--replace');

async function run() {
  const kafka = createKafka(
    `reporting-service-rebuild-${randomUUID().slice(0, 8)}`,
    settings.kafka,
  );
  if (replace) await requireStoppedService(kafka);
  const orm = await MikroORM.init<PostgreSqlDriver>(mikroOrmOptions(ormConfig(settings.database)));
  try {
    const model = new ReportModel(new ReportRecords(), new ReportPostings(), new ReportExchanges());
    // Again just before the swap: an instance started during the replay would lose its events.
    const beforeReplace = () => requireStoppedService(kafka);
    return await rebuildModel(orm, kafka, model, { replace, beforeReplace });
  } finally {
    await orm.close(true);
  }
}

/** Replacing under a running consumer would lose what it applies meanwhile. */
async function requireStoppedService(kafka: ReturnType<typeof createKafka>) {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const group = eventConsumerGroup(SERVICES.reporting);
    const { groups } = await admin.describeGroups([group]);
    const state = groups[0]?.state ?? 'Dead';
    if (!['Empty', 'Dead'].includes(state))
      throw new Error(`${group} is ${state}: stop the reporting-service before --replace`);
  } finally {
    await admin.disconnect();
  }
}

run().then(
  (outcome) => {
    process.stdout.write(`${JSON.stringify(outcome, null, 2)}\n`);
    const refused = replace && !outcome.replaced;
    if (outcome.failures.length || refused || (!outcome.equal && !outcome.replaced))
      process.exitCode = 1;
  },
  (error: unknown) => {
    process.stderr.write(`reporting-service: rebuilding the model failed: ${String(error)}\n`);
    process.exitCode = 1;
  },
);
