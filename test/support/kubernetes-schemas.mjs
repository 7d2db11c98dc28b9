// Validates Kubernetes objects against the API's schemas (kubernetes-models, offline), for
// test/architecture/kubernetes-manifests.spec.ts: a JSON array of objects on stdin, a JSON array
// of problems on stdout (empty when all are valid). A process of its own because the package is
// ES modules only, which Jest's CommonJS runtime cannot load.
import { text } from 'node:stream/consumers';

const objects = JSON.parse(await text(process.stdin));
const problems = [];
for (const [index, object] of objects.entries()) {
  const where = `#${index} ${object.kind}/${object.metadata?.name}`;
  const group = String(object.apiVersion ?? '');
  let models;
  try {
    models = await import(`kubernetes-models/${group}`);
  } catch {
    problems.push(`${where}: no schema for apiVersion ${group}`);
    continue;
  }
  const Model = models[object.kind];
  if (typeof Model !== 'function') {
    problems.push(`${where}: no schema for ${group} ${object.kind}`);
    continue;
  }
  try {
    new Model(object).validate();
  } catch (error) {
    problems.push(`${where}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
process.stdout.write(JSON.stringify(problems));
