#!/usr/bin/env node
// Renders each kustomization (the base and every overlay) and validates every object against the
// Kubernetes API schemas (kubernetes-models, generated from the Kubernetes OpenAPI spec), then checks
// the rules of this project (probes, resources, non-root, a PDB, HPA and Service per Deployment,
// secrets only by reference). Exits 1 and names each problem when anything is wrong.
//
// Rendering covers the kustomize features these manifests use, and refuses any other field so a new
// one cannot slip past validation: resources (files or directories), namespace, labels (metadata
// only), images, and patches as JSON 6902 operation lists with a target.
//
// Usage: node infra/k8s/validate.mjs [kustomization-dir ...]   (default: base and overlays/*)
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastJsonPatch from 'fast-json-patch';
import { parseAllDocuments } from 'yaml';

const HERE = dirname(fileURLToPath(import.meta.url));
const KNOWN_FIELDS = new Set(['apiVersion', 'kind', 'namespace', 'resources', 'labels', 'images', 'patches']);
const SECRET_LIKE = /SECRET|PASSWORD|TOKEN|DATABASE_URL|PRIVATE_KEY/;

function readYamlDocuments(file) {
  const docs = parseAllDocuments(readFileSync(file, 'utf8'));
  for (const doc of docs) if (doc.errors.length) throw new Error(`${file}: ${doc.errors[0].message}`);
  return docs.map((doc) => doc.toJS()).filter(Boolean);
}

/** The objects a kustomization directory produces, like `kubectl kustomize <dir>` for these features. */
export function render(dir) {
  const file = join(dir, 'kustomization.yaml');
  const [kustomization] = readYamlDocuments(file);
  for (const field of Object.keys(kustomization)) {
    if (!KNOWN_FIELDS.has(field))
      throw new Error(`${file}: field '${field}' is not supported by validate.mjs`);
  }
  const objects = [];
  for (const entry of kustomization.resources ?? []) {
    const path = resolve(dir, entry);
    objects.push(...(statSync(path).isDirectory() ? render(path) : readYamlDocuments(path)));
  }
  for (const { pairs } of kustomization.labels ?? []) {
    for (const o of objects) o.metadata.labels = { ...o.metadata.labels, ...pairs };
  }
  if (kustomization.namespace) for (const o of objects) o.metadata.namespace = kustomization.namespace;
  for (const image of kustomization.images ?? []) {
    for (const container of objects.flatMap(containersOf)) {
      if (container.image.split(':')[0] !== image.name) continue;
      container.image = `${image.newName ?? image.name}${image.newTag ? `:${image.newTag}` : ''}`;
    }
  }
  for (const patch of kustomization.patches ?? []) {
    const ops = readYamlDocuments(resolve(dir, patch.path))[0];
    if (!Array.isArray(ops)) throw new Error(`${file}: ${patch.path} must be a JSON 6902 operation list`);
    const targets = objects.filter(
      (o) => o.kind === patch.target?.kind && (!patch.target.name || o.metadata.name === patch.target.name),
    );
    if (!targets.length) throw new Error(`${file}: patch ${patch.path} matches no object`);
    for (const target of targets) fastJsonPatch.applyPatch(target, ops, true, true);
  }
  return objects;
}

function containersOf(object) {
  const spec = object.spec?.template?.spec ?? object.spec?.jobTemplate?.spec?.template?.spec;
  return [...(spec?.containers ?? []), ...(spec?.initContainers ?? [])];
}

/** The kubernetes-models class for an object, e.g. apps/v1 Deployment → kubernetes-models/apps/v1/Deployment. */
async function modelOf({ apiVersion, kind }) {
  try {
    return (await import(`kubernetes-models/${apiVersion}/${kind}`))[kind];
  } catch {
    return undefined;
  }
}

/** Project rules the API schemas don't express. */
function ruleProblems(objects) {
  const problems = [];
  const named = (kind, name) => objects.some((o) => o.kind === kind && o.metadata.name === name);
  for (const o of objects) {
    const where = `${o.kind}/${o.metadata.name}`;
    if (o.kind === 'Secret')
      problems.push(`${where}: secrets are created outside the manifests, by reference only`);
    for (const c of containersOf(o)) {
      for (const e of c.env ?? []) {
        if (SECRET_LIKE.test(e.name) && e.value !== undefined) {
          problems.push(`${where}: ${e.name} must come from a secretKeyRef, not a literal value`);
        }
      }
      if (!c.resources?.requests?.cpu || !c.resources?.requests?.memory || !c.resources?.limits?.memory) {
        problems.push(`${where}: container ${c.name} needs cpu/memory requests and a memory limit`);
      }
    }
    if (o.kind !== 'Deployment') continue;
    const pod = o.spec.template.spec;
    if (!pod.securityContext?.runAsNonRoot) problems.push(`${where}: pods must run as non-root`);
    for (const c of pod.containers) {
      if (!c.livenessProbe || !c.readinessProbe)
        problems.push(`${where}: ${c.name} needs liveness and readiness probes`);
    }
    for (const kind of ['Service', 'PodDisruptionBudget', 'HorizontalPodAutoscaler']) {
      if (!named(kind, o.metadata.name)) problems.push(`${where}: no ${kind} named ${o.metadata.name}`);
    }
  }
  return problems;
}

export async function validate(dir) {
  const problems = [];
  let objects;
  try {
    objects = render(dir);
  } catch (error) {
    return { objects: 0, problems: [error.message] };
  }
  for (const object of objects) {
    const where = `${object.kind}/${object.metadata?.name}`;
    const Model = await modelOf(object);
    if (!Model) {
      problems.push(`${where}: unknown apiVersion/kind ${object.apiVersion} ${object.kind}`);
      continue;
    }
    try {
      new Model(object).validate();
    } catch (error) {
      problems.push(`${where}: ${error.message}`);
    }
  }
  problems.push(...ruleProblems(objects));
  return { objects: objects.length, problems };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const overlays = join(HERE, 'overlays');
  const dirs =
    process.argv.length > 2
      ? process.argv.slice(2)
      : [join(HERE, 'base'), ...readdirSync(overlays).map((d) => join(overlays, d))].filter((d) =>
          existsSync(join(d, 'kustomization.yaml')),
        );
  let failed = false;
  for (const dir of dirs) {
    const { objects, problems } = await validate(dir);
    failed ||= problems.length > 0 || objects === 0;
    process.stdout.write(`${problems.length ? 'FAIL' : 'ok  '} ${dir}: ${objects} objects\n`);
    for (const p of problems) process.stdout.write(`     ${p}\n`);
  }
  process.exit(failed ? 1 : 0);
}
