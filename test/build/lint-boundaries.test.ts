import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..');
const eslint = new ESLint({ cwd: root });

/** Lints a snippet as if it were the file at `filePath`; returns the restricted-import messages. */
async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, filePath) });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports')
    .map((m) => m.message);
}

describe('import boundaries (DESIGN §3) are enforced by lint', () => {
  it('crypto/ imports nothing of ours', async () => {
    const errors = await boundaryErrors(
      'crypto/src/encoding/base64url.ts',
      "import { loadConfig } from '../../server/src/config.js';\nexport const x = loadConfig;\n",
    );
    expect(errors.join()).toMatch(/crypto\/ imports nothing of ours/);
  });

  it('web/ imports server code only as contract types', async () => {
    const code = [
      "import { loadConfig } from '../../../server/src/config.js';",
      "import { ERROR_CODES } from '../../../server/src/contracts/index.js';",
      "import type { Me } from '../../../server/src/contracts/index.js';",
      'export const x: [unknown, unknown, Me | null] = [loadConfig, ERROR_CODES, null];',
      '',
    ].join('\n');
    const errors = await boundaryErrors('web/src/lib/api.ts', code);
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(/only server\/src\/contracts/);
    expect(errors[1]).toMatch(/only types from contracts/);
  });

  it('features do not import each other', async () => {
    const errors = await boundaryErrors(
      'web/src/features/sign-in/probe.ts',
      "import * as account from '../account/index.js';\nexport const x = account;\n",
    );
    expect(errors.join()).toMatch(/Features do not import each other/);
  });

  it('storage adapters import only ports.ts', async () => {
    const errors = await boundaryErrors(
      'server/src/storage/sqlite/migrations.ts',
      "import { loadConfig } from '../../config.js';\nimport type { VaultStorage } from '../ports.js';\nexport const x: [unknown, VaultStorage | null] = [loadConfig, null];\n",
    );
    expect(errors).toHaveLength(1);
  });

  it('a module reaches another only through its index.ts', async () => {
    const errors = await boundaryErrors(
      'server/src/modules/auth/presenters.ts',
      "import { DEMO_RESIDENTS } from '../local-eid/demo-residents.js';\nimport { LOCAL_EID_ACR } from '../local-eid/index.js';\nexport const x = [DEMO_RESIDENTS, LOCAL_EID_ACR];\n",
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/through its index\.ts/);
  });
});
