import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

// The validator is an ES module (kubernetes-models ships ESM only): run it as its own process.
const K8S = join(__dirname, '..', 'k8s');

function validate(...dirs: string[]): { status: number | null; output: string } {
  const run = spawnSync(process.execPath, [join(K8S, 'validate.mjs'), ...dirs], { encoding: 'utf8' });
  return { status: run.status, output: run.stdout + run.stderr };
}

describe('Kubernetes manifests', () => {
  it('the base and every overlay render and validate against the Kubernetes schemas and our rules', () => {
    const { status, output } = validate();
    expect(output).toMatch(/ok {3}\S+k8s\/base: 22 objects/);
    expect(output).toMatch(/ok {3}\S+overlays\/production: 22 objects/);
    expect(output).toMatch(/ok {3}\S+overlays\/staging: 22 objects/);
    expect(status).toBe(0);
  });

  it('names every problem of a deliberately broken kustomization and fails', () => {
    const { status, output } = validate(join(K8S, 'fixtures', 'broken'));
    expect(status).toBe(1);
    for (const problem of [
      'Deployment/broken: data/spec/replicas must be integer',
      'Service/typo: data/spec/ports/0/port must be integer',
      'JWT_SECRET must come from a secretKeyRef',
      'needs cpu/memory requests and a memory limit',
      'pods must run as non-root',
      'needs liveness and readiness probes',
      'no PodDisruptionBudget named broken',
      'no HorizontalPodAutoscaler named broken',
      'Secret/leaked: secrets are created outside the manifests',
    ]) {
      expect(output).toContain(problem);
    }
  });
});
