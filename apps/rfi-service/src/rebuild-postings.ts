import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/core';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { createKafka } from '@bp/messaging';
import { mikroOrmOptions } from '@bp/persistence';
import { loadRfiServiceSettings } from './config/rfi-service-settings';
import { ormConfig } from './infrastructure/persistence/orm-config';
import { rebuildPostings } from './infrastructure/persistence/postings-rebuild';

const settings = loadRfiServiceSettings();

async function rebuild() {
  const orm = await MikroORM.init<PostgreSqlDriver>(mikroOrmOptions(ormConfig(settings.database)));
  try {
    const kafka = createKafka(`rfi-service-rebuild-${randomUUID().slice(0, 8)}`, settings.kafka);
    return await rebuildPostings(orm, kafka);
  } finally {
    await orm.close(true);
  }
}

rebuild().then(
  ({ applied, skipped }) => {
    if (skipped)
      process.stderr.write(
        `rfi-service: skipped ${skipped} malformed message(s), as the live consumer parks them\n`,
      );
    process.stdout.write(`rfi-service: posting projection rebuilt from ${applied} event(s)\n`);
  },
  (error: unknown) => {
    process.stderr.write(
      `rfi-service: rebuilding the posting projection failed: ${String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
