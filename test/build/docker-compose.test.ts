import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseYamlSubset, type YamlValue } from '../helpers/yaml-subset.js';

/**
 * docker-compose.yml cannot run here (no Docker engine), so its structure is checked instead: the
 * default composition is as it was, and the `scale` profile (issue 7) has a PostgreSQL primary and
 * streaming replica, two vault nodes sharing one database, one session secret and read-only keys,
 * and a load balancer over both nodes with health checks on /readyz. The files it mounts exist.
 */

const root = path.resolve(import.meta.dirname, '..', '..');
type Map = { [key: string]: YamlValue };
const compose = parseYamlSubset(
  fs.readFileSync(path.join(root, 'docker-compose.yml'), 'utf8'),
) as Map;
const services = compose.services as { [name: string]: Map };
const env = (name: string) => services[name]!.environment as { [key: string]: string | null };
const volumes = (name: string) => (services[name]!.volumes ?? []) as string[];

describe('the YAML subset reader', () => {
  it('reads nesting, quotes, flow sequences, block scalars, anchors and merge keys', () => {
    const doc = parseYamlSubset(
      [
        'base: &base',
        '  a: 1',
        "  b: 'two # not a comment'",
        'list:',
        '  - x',
        '  - k: v',
        '    j: "q\\"uote"',
        'flow: [one, "two", \'three\']',
        'folded: >-',
        '  first',
        '  second',
        'derived:',
        '  <<: *base',
        '  b: own # a comment',
        'empty:',
        '',
      ].join('\n'),
    );
    expect(doc).toEqual({
      base: { a: '1', b: 'two # not a comment' },
      list: ['x', { k: 'v', j: 'q"uote' }],
      flow: ['one', 'two', 'three'],
      folded: 'first second',
      derived: { a: '1', b: 'own' },
      empty: null,
    });
    expect(() => parseYamlSubset('a: {b: c}')).toThrow(/not supported/);
    expect(() => parseYamlSubset('a: 1\n   b: 2')).toThrow(/indentation/);
  });
});

describe('docker-compose.yml', () => {
  it('keeps the default composition: the vault on SQLite with Keycloak, in no profile', () => {
    expect(Object.keys(services)).toEqual(expect.arrayContaining(['vault', 'keycloak']));
    expect(services.vault!.profiles).toBeUndefined();
    expect(services.keycloak!.profiles).toBeUndefined();
    expect(services.vault!.ports).toEqual(['8080:8080']);
    expect(env('vault').VAULT_DATABASE_URL).toBeUndefined();
    expect(volumes('vault')).toEqual(['vault-data:/data']);
    expect((services.keycloak!.healthcheck as Map).test).toEqual([
      'CMD',
      'bash',
      '-c',
      expect.stringContaining('/health/ready'),
    ]);
  });

  it('the scale profile: a PostgreSQL 15 primary set up for streaming replication, and a replica made with pg_basebackup -R', () => {
    const scale = Object.keys(services).filter((name) =>
      ((services[name]!.profiles ?? []) as string[]).includes('scale'),
    );
    expect(scale.sort()).toEqual(
      ['lb', 'postgres-primary', 'postgres-replica', 'vault-1', 'vault-2', 'vault-keys'].sort(),
    );

    const primary = services['postgres-primary']!;
    expect(primary.image).toBe('postgres:15');
    const command = (primary.command as string[]).join(' ');
    expect(command).toContain('wal_level=replica');
    expect(command).toMatch(/max_wal_senders=\d+/);
    expect((primary.healthcheck as Map).test).toEqual(expect.arrayContaining(['pg_isready']));
    const init = volumes('postgres-primary').find((v) => v.includes('docker-entrypoint-initdb.d'));
    expect(init).toBeDefined();
    const initScript = fs.readFileSync(path.join(root, init!.split(':')[0]!), 'utf8');
    expect(initScript).toContain('REPLICATION LOGIN');
    expect(initScript).toContain('pg_create_physical_replication_slot');
    expect(initScript).toMatch(/host replication .* scram-sha-256/);

    const replica = services['postgres-replica']!;
    expect(replica.image).toBe('postgres:15');
    expect(replica.depends_on).toEqual({ 'postgres-primary': { condition: 'service_healthy' } });
    expect(env('postgres-replica').VAULT_PG_PRIMARY_HOST).toBe('postgres-primary');
    expect(env('postgres-replica').VAULT_PG_REPLICATION_USER).toBe(
      env('postgres-primary').VAULT_PG_REPLICATION_USER,
    );
    const entry = volumes('postgres-replica').find((v) => v.includes('replica-entrypoint.sh'));
    const entryScript = fs.readFileSync(path.join(root, entry!.split(':')[0]!), 'utf8');
    expect(entryScript).toContain('pg_basebackup');
    expect(entryScript).toContain('--write-recovery-conf');
    expect(entryScript).toContain('hot_standby=on');
    // Separate data: a replica never shares its data directory with the primary.
    expect(volumes('postgres-replica')[0]).not.toBe(volumes('postgres-primary')[0]);
  });

  it('the scale profile: two vault nodes on the primary with one session secret, the same keys read-only, behind a proxy', () => {
    const [one, two] = [env('vault-1'), env('vault-2')];
    expect(one).toEqual(two);
    expect(one.VAULT_DATABASE_URL).toMatch(/^postgres:\/\/vault:.*@postgres-primary:5432\/vault$/);
    expect(one.VAULT_SESSION_SECRET).toMatch(/^\$\{VAULT_SESSION_SECRET:-.{32,}\}$/);
    expect(one.VAULT_TRUST_PROXY).toBe('1');
    expect(one.VAULT_PUBLIC_ORIGIN).toBe('http://localhost:8090');
    for (const node of ['vault-1', 'vault-2']) {
      const service = services[node]!;
      expect(service.build).toBe('.');
      expect(service.image).toBe(services.vault!.image);
      expect(service.depends_on).toMatchObject({
        'postgres-primary': { condition: 'service_healthy' },
        'vault-keys': { condition: 'service_completed_successfully' },
      });
      expect(volumes(node)).toContain('vault-keys:/keys:ro');
      expect(env(node).VAULT_LOG_SIGNER_KEY_FILE).toBe('/keys/log-signer.key');
      expect(env(node).VAULT_RECEIPT_SIGNER_KEY_FILE).toBe('/keys/receipt-signer.key');
      expect(((service.healthcheck as Map).test as string[]).join(' ')).toContain('/readyz');
    }
    // Each node has its own data directory; only the keys are shared.
    expect(volumes('vault-1').find((v) => v.endsWith(':/data'))).not.toBe(
      volumes('vault-2').find((v) => v.endsWith(':/data')),
    );
    // The keys are made once, by the vault's own code, into the volume the nodes read.
    expect(volumes('vault-keys')).toContain('vault-keys:/keys');
    const script = fs.readFileSync(path.join(root, 'deploy/vault/create-keys.mjs'), 'utf8');
    expect(script).toContain('loadOrCreateLogKey');
    expect(script).toContain('loadOrCreateReceiptSigner');
    for (const name of ['pg-primary', 'pg-replica', 'vault-keys', 'vault-1-data', 'vault-2-data']) {
      expect(Object.keys(compose.volumes as Map)).toContain(name);
    }
  });

  it('the scale profile: the load balancer starts after both nodes are healthy and balances round-robin over both, checking /readyz, with long timeouts for server-sent events', () => {
    const lb = services.lb!;
    expect(lb.depends_on).toEqual({
      'vault-1': { condition: 'service_healthy' },
      'vault-2': { condition: 'service_healthy' },
    });
    expect(lb.ports).toEqual(['8090:8080']);
    const mount = volumes('lb').find((v) => v.endsWith(':ro'))!;
    const config = fs.readFileSync(path.join(root, mount.split(':')[0]!), 'utf8');
    expect(config).toContain('bind :8080');
    const backends = config.split(/^backend /m).slice(1);
    expect(backends.length).toBeGreaterThanOrEqual(1);
    for (const backend of backends) {
      expect(backend).toContain('balance roundrobin');
      expect(backend).toContain('http-check send meth GET uri /readyz');
      expect(backend).toMatch(/^\s*server vault-1 vault-1:8080\b/m);
      expect(backend).toMatch(/^\s*server vault-2 vault-2:8080\b/m);
      expect(backend).toMatch(/default-server check/);
    }
    const events = backends.find((b) => b.startsWith('vault_events'));
    expect(events).toMatch(/timeout server 1h/);
    expect(config).toMatch(/acl is_events path_beg \/api\/events/);
  });

  it('lets Keycloak send residents back to the load balancer as well as to the single vault', () => {
    const realm = JSON.parse(
      fs.readFileSync(path.join(root, 'deploy/keycloak/citizen-vault-realm.json'), 'utf8'),
    ) as { clients: { clientId: string; redirectUris: string[] }[] };
    const client = realm.clients.find((c) => c.clientId === 'citizen-vault')!;
    expect(client.redirectUris).toEqual(
      expect.arrayContaining([
        'http://localhost:8080/auth/callback',
        'http://localhost:8090/auth/callback',
      ]),
    );
  });
});
