// Who may do what on the broker: every app's principal can sign in with its own password, and may do
// exactly what the access policy of libs/contracts (kafka/access.ts) grants it; the authorizer
// denies the rest. Runs as the admin after the topics exist, on every start: it adds what is
// missing and removes what the policy no longer grants.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import kafkajs from 'kafkajs';
import {
  ensureBrokerJars,
  writeArgFile,
  isBrokerUp,
  java,
  kafkaClient,
  kafkaSecret,
  scramPrincipals,
} from './kafka.mjs';
import { ROOT } from './settings.mjs';
import { kafkaPrincipals } from './topics.mjs';
import { step } from './log.mjs';

const { AclOperationTypes, AclPermissionTypes, AclResourceTypes, ResourcePatternTypes } = kafkajs;

export async function ensureKafkaAccess(settings) {
  await ensureScramUsers(settings);
  await ensureAcls(settings);
}

/** Principals whose password does not sign in (new since the log dir was formatted, or rotated). */
export async function ensureScramUsers(settings) {
  const apps = scramPrincipals(settings).filter((name) => name !== settings.kafka.adminPrincipal);
  const refused = [];
  for (const principal of apps)
    if (!(await isBrokerUp(settings, 5_000, principal))) refused.push(principal);
  if (refused.length) setScramPasswords(settings, refused);
}

/**
 * Sets the SCRAM password of each principal to its password file, with Kafka's own kafka-configs
 * tool (ConfigCommand) as the admin. Passwords go through 0600 files, never the command line.
 */
export function setScramPasswords(
  settings,
  principals,
  { adminPassword = undefined, passwords = {} } = {},
) {
  const libs = ensureBrokerJars(settings);
  const scratch = fs.mkdtempSync(path.join(settings.kafka.stateDir, 'scram-'));
  fs.chmodSync(scratch, 0o700);
  const admin = kafkaClient(settings, 'bp-infra-scram');
  if (adminPassword) admin.sasl.password = adminPassword;
  const adminConfig = path.join(scratch, 'admin.properties');
  fs.writeFileSync(
    adminConfig,
    [
      'security.protocol=SASL_PLAINTEXT',
      'sasl.mechanism=SCRAM-SHA-512',
      `sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="${admin.sasl.username}" password="${admin.sasl.password}";`,
    ].join('\n'),
    { mode: 0o600 },
  );
  try {
    for (const principal of principals) {
      step(`Setting the broker password of principal ${principal}`);
      // An argument file (expanded by the java launcher): the password is in no process listing.
      const argFile = path.join(scratch, `${principal}.args`);
      writeArgFile(argFile, [
        `-Dlog4j2.configurationFile=${path.join(ROOT, 'infra/kafka/log4j2.properties')}`,
        '-cp',
        `${libs}/*`,
        'kafka.admin.ConfigCommand',
        '--bootstrap-server',
        settings.kafka.brokers,
        '--command-config',
        adminConfig,
        '--alter',
        '--entity-type',
        'users',
        '--entity-name',
        principal,
        '--add-config',
        `SCRAM-SHA-512=[iterations=8192,password=${passwords[principal] ?? kafkaSecret(settings, principal).value}]`,
      ]);
      execFileSync(java(), [`@${argFile}`], { stdio: ['ignore', 'ignore', 'inherit'] });
    }
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/** The ACL entries a policy grants, in the form the Admin API takes. */
export function aclsOf(policy) {
  return policy.flatMap((principal) =>
    principal.grants.flatMap((grant) =>
      grant.operations.map((operation) => ({
        resourceType: AclResourceTypes[grant.resource],
        resourceName: grant.name,
        resourcePatternType: grant.prefixed
          ? ResourcePatternTypes.PREFIXED
          : ResourcePatternTypes.LITERAL,
        principal: `User:${principal.name}`,
        host: '*',
        operation: AclOperationTypes[operation],
        permissionType: AclPermissionTypes.ALLOW,
      })),
    ),
  );
}

const keyOf = (acl) =>
  [
    acl.resourceType,
    acl.resourceName,
    acl.resourcePatternType,
    acl.principal,
    acl.host,
    acl.operation,
    acl.permissionType,
  ].join('|');

export async function ensureAcls(settings, policy = kafkaPrincipals()) {
  const desired = aclsOf(policy);
  const kafka = new kafkajs.Kafka({
    ...kafkaClient(settings, 'bp-infra-acls'),
    logLevel: kafkajs.logLevel.ERROR,
  });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const { resources } = await admin.describeAcls({
      resourceType: AclResourceTypes.ANY,
      resourcePatternType: ResourcePatternTypes.ANY,
      operation: AclOperationTypes.ANY,
      permissionType: AclPermissionTypes.ANY,
    });
    const existing = resources.flatMap((resource) =>
      resource.acls.map((acl) => ({
        resourceType: resource.resourceType,
        resourceName: resource.resourceName,
        resourcePatternType: resource.resourcePatternType,
        ...acl,
      })),
    );
    const ours = new Set(policy.map((principal) => `User:${principal.name}`));
    const wanted = new Set(desired.map(keyOf));
    const present = new Set(existing.map(keyOf));
    const missing = desired.filter((acl) => !present.has(keyOf(acl)));
    const stale = existing.filter((acl) => ours.has(acl.principal) && !wanted.has(keyOf(acl)));
    if (missing.length) await admin.createAcls({ acl: missing });
    if (stale.length) await admin.deleteAcls({ filters: stale });
    step(
      `Kafka ACLs ready (${desired.length} for ${policy.length} principals; ${missing.length} added, ${stale.length} removed)`,
    );
  } finally {
    await admin.disconnect();
  }
}
