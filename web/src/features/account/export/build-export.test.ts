/**
 * "Export everything" put together from fake sources (the vault worker and the API are covered
 * end to end in test/e2e/export.e2e.test.ts): the archive's layout, names, metadata and README,
 * and what happens when a version does not decrypt.
 */
import { describe, expect, it } from 'vitest';
import { bytesSource, openZip } from '../../../../../crypto/src/archive/open-zip.js';
import type { LogExport } from '../../../lib/api-types';
import type { ConsentReceiptResponse, ConsentView } from '../../../lib/consent-types';
import { errorMessageKey } from '../../../lib/errors';
import { createTranslate } from '../../../lib/translate';
import type { DocumentSummary, VersionSummary } from '../../../lib/vault/protocol';
import { VaultError } from '../../../lib/vault/vault-error';
import {
  buildExport,
  UnreadableDocumentError,
  type ExportProgress,
  type ExportSources,
} from './build-export';
import { createReadmeWriter } from './readme-text';

const NOW = new Date('2026-11-28T12:00:00.000Z');
const REGISTRY = { id: 'svc-registry', name: { en: 'Registry office', it: 'Ufficio anagrafe' } };

function summary(id: string, name: string, version: number, issued = false): DocumentSummary {
  return {
    id,
    category: 'identity',
    createdAt: '2026-11-01T10:00:00.000Z',
    updatedAt: '2026-11-02T10:00:00.000Z',
    issuer: issued ? REGISTRY.id : null,
    issuedBy: issued ? REGISTRY : null,
    version,
    versionCount: version,
    details: { name, type: 'application/pdf', size: 3 },
  };
}

function versionOf(version: number, name: string | null, title?: string): VersionSummary {
  return {
    version,
    createdAt: `2026-11-0${version}T10:00:00.000Z`,
    details:
      name === null
        ? null
        : { name, type: 'application/pdf', size: 3, ...(title ? { title } : {}) },
  };
}

const LOG: LogExport = {
  format: 'citizen-vault.access-log-export.v1',
  exportedAt: NOW.toISOString(),
  origin: 'vault.example/log',
  verifierKey: 'vault.example/log+01234567+AAAA',
  checkpoint: 'vault.example/log\n3\nroot=\n\n— sig\n',
  entries: [{ index: 0, leaf: '{"v":1}', proof: [] }],
  pending: [3],
};

const RECEIPT: ConsentReceiptResponse = {
  receipt: 'eyJhbGciOiJFZERTQSJ9.e30.c2ln',
  countersignature: 'eyJhbGciOiJFZERTQSJ9.e30.Y291bnRlcg',
  vaultKey: { kty: 'OKP', crv: 'Ed25519', x: 'AAAA' },
};

/** Two documents named alike (one deposited, with two versions), a consent, a log. */
function fakeSources(broken: Set<string> = new Set()): ExportSources & { downloads: string[] } {
  const downloads: string[] = [];
  const documents = [
    summary('d1', 'Carta identità.pdf', 2, true),
    summary('d2', 'carta IDENTITÀ.pdf', 1),
  ];
  const versions: Record<string, VersionSummary[]> = {
    d1: [versionOf(1, 'Old/scan.pdf'), versionOf(2, 'Carta identità.pdf', 'My ID')],
    d2: [versionOf(1, broken.has('d2/meta') ? null : 'carta IDENTITÀ.pdf')],
  };
  return {
    downloads,
    listDocuments: () => Promise.resolve(documents),
    listVersions: (id) => Promise.resolve(versions[id] ?? []),
    downloadDocument: ({ documentId, version }, { onProgress }) => {
      downloads.push(`${documentId}/${version}`);
      onProgress?.({ done: 1, total: 3, bytesPerSecond: 0 });
      if (broken.has(`${documentId}/${version}`)) {
        return Promise.reject(new VaultError('ERR_DECRYPT_FAILED'));
      }
      const blob = new Blob([`${documentId}v${version}`]);
      return Promise.resolve({ blob, name: 'x', type: 'application/pdf' });
    },
    listConsents: () =>
      Promise.resolve([
        { id: 'c1', createdAt: NOW.toISOString(), service: REGISTRY } as ConsentView,
      ]),
    fetchReceipt: () => Promise.resolve(RECEIPT),
    exportLog: () => Promise.resolve(LOG),
  };
}

async function run(sources: ExportSources, skipUnreadable = false, lang: 'en' | 'it' = 'en') {
  const progress: ExportProgress[] = [];
  const built = await buildExport({
    sources,
    readme: createReadmeWriter(createTranslate(lang), lang),
    residentId: 'resident-1',
    vault: 'https://vault.example',
    language: lang,
    now: NOW,
    skipUnreadable,
    onProgress: (p) => progress.push(p),
  });
  const archive = openZip(bytesSource(new Uint8Array(await built.archive.arrayBuffer())));
  const text = (name: string) => {
    const entry = archive.find(name);
    if (!entry) throw new Error(`no ${name} in the archive`);
    return new TextDecoder().decode(archive.read(entry));
  };
  return { built, archive, text, progress };
}

describe('buildExport', () => {
  it('lays the archive out with safe, unique names, every version, receipts, log and README', async () => {
    const { built, archive, text, progress } = await run(fakeSources());
    expect(built.fileName).toBe('citizen-vault-export-2026-11-28.zip');
    expect(archive.entries.map((e) => e.name).sort()).toEqual([
      'README.txt',
      'access-log.json',
      'consents/consent-receipt-c1.json',
      'documents/Carta identità.pdf',
      'documents/carta IDENTITÀ (2).pdf',
      'documents/older-versions/Old_scan (version 1).pdf',
      'metadata.json',
    ]);
    expect(text('documents/Carta identità.pdf')).toBe('d1v2');
    expect(text('documents/older-versions/Old_scan (version 1).pdf')).toBe('d1v1');
    expect(text('documents/carta IDENTITÀ (2).pdf')).toBe('d2v1');
    expect(JSON.parse(text('consents/consent-receipt-c1.json'))).toEqual(RECEIPT);
    expect(JSON.parse(text('access-log.json'))).toEqual(LOG);

    const metadata = JSON.parse(text('metadata.json'));
    expect(metadata).toMatchObject({
      format: 'citizen-vault.export.v1',
      exportedAt: NOW.toISOString(),
      residentId: 'resident-1',
      accessLog: { file: 'access-log.json', entries: 1, pending: 1 },
      consents: [{ id: 'c1', receipt: 'consents/consent-receipt-c1.json' }],
      unreadable: [],
    });
    expect(metadata.documents[0]).toMatchObject({
      id: 'd1',
      issuedBy: REGISTRY,
      currentVersion: 2,
      versions: [
        {
          version: 1,
          current: false,
          file: 'documents/older-versions/Old_scan (version 1).pdf',
          name: 'Old/scan.pdf',
        },
        {
          version: 2,
          current: true,
          file: 'documents/Carta identità.pdf',
          title: 'My ID',
          size: 3,
        },
      ],
    });
    expect(metadata.documents[1]).toMatchObject({ id: 'd2', issuedBy: null });

    expect(text('README.txt')).toContain('access-log.json\r\n');
    expect(text('README.txt')).toContain('npm run verify-log -- <this archive>');
    expect(text('README.txt')).toContain(
      '3 file(s) of 2 document(s), 1 consent receipt(s) and 2 access-log entries',
    );

    // The steps in order, ending complete; progress never goes back.
    expect([...new Set(progress.map((p) => p.step.kind))]).toEqual([
      'listing',
      'document',
      'receipts',
      'log',
      'packing',
    ]);
    expect(progress.at(-1)).toMatchObject({ done: 6, total: 6 });
    const fractions = progress.slice(1).map((p) => p.done / p.total);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
  });

  it('writes the README in Italian for an Italian resident', async () => {
    const { text } = await run(fakeSources(), false, 'it');
    expect(text('README.txt')).toContain(
      'Citizen Vault: tutto ciò che conservi nella tua cassaforte',
    );
    expect(text('README.txt')).toContain('<questo archivio>');
  });

  it('stops at a version that does not decrypt, naming it; nothing is saved', async () => {
    const sources = fakeSources(new Set(['d1/1']));
    const error = await run(sources).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnreadableDocumentError);
    expect((error as UnreadableDocumentError).unreadable).toMatchObject({
      documentId: 'd1',
      version: 1,
      name: 'Old/scan.pdf',
    });
    expect(sources.downloads).toEqual(['d1/1']);
  });

  it('with skipUnreadable, exports everything else and lists what is missing', async () => {
    const { built, archive, text } = await run(fakeSources(new Set(['d1/1', 'd2/meta'])), true);
    expect(built.unreadable.map((u) => `${u.documentId}/${u.version}:${u.name}`)).toEqual([
      'd1/1:Old/scan.pdf',
      'd2/1:null',
    ]);
    expect(
      archive.entries.filter((e) => e.name.startsWith('documents/')).map((e) => e.name),
    ).toEqual(['documents/Carta identità.pdf']);
    const metadata = JSON.parse(text('metadata.json'));
    expect(metadata.unreadable).toHaveLength(2);
    expect(metadata.documents[0].versions[0]).toMatchObject({ file: null, readable: false });
    expect(text('README.txt')).toContain('Missing: 2 file(s) could not be decrypted');
    expect(text('README.txt')).toContain('a document whose name cannot be read');
  });

  it('passes network and lock failures through, not as "cannot decrypt"', async () => {
    const sources = fakeSources();
    sources.downloadDocument = () => Promise.reject(new VaultError('ERR_VAULT_LOCKED'));
    const error = await run(sources, true).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VaultError);
    expect((error as VaultError).code).toBe('ERR_VAULT_LOCKED');
  });

  it('a document of 4 GiB or more: refused as ERR_ARCHIVE_TOO_LARGE (a message that says what to do)', async () => {
    const sources = fakeSources();
    const huge = {
      size: 2 ** 32,
      stream() {
        throw new Error('read a file that should have been refused unread');
      },
    } as unknown as Blob;
    sources.downloadDocument = () => Promise.resolve({ blob: huge, name: 'x', type: 'x' });
    const error = await run(sources).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VaultError);
    expect((error as VaultError).code).toBe('ERR_ARCHIVE_TOO_LARGE');
    expect(errorMessageKey(error)).toBe('errors.ERR_ARCHIVE_TOO_LARGE');
  });
});
