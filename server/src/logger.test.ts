import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.js';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  return { logger: createLogger('debug', stream), text: () => lines.join('') };
}

describe('logger redaction', () => {
  it('never prints secrets, tokens or cookies, at the top level or one level down', () => {
    const { logger, text } = capture();
    logger.info({ secret: 'S1-top', token: 'S2-top', state: 'S3-top' }, 'top');
    logger.info(
      {
        eid: { clientSecret: 'S4-nested', id_token: 'S5-nested', code_verifier: 'S6-nested' },
        req: { headers: { cookie: 'cv_session=S7-cookie', authorization: 'Bearer S8-auth' } },
        res: { headers: { 'set-cookie': 'cv_session=S9-set' } },
      },
      'nested',
    );
    const out = text();
    for (let i = 1; i <= 9; i++) expect(out).not.toMatch(new RegExp(`S${i}-`));
    expect(out).toContain('[redacted]');
    expect(out).toContain('"msg":"nested"');
  });

  it('never prints a database connection string, which may carry its password (issue 7)', () => {
    const { logger, text } = capture();
    logger.info({ connectionString: 'postgres://vault:S1-pw@db/vault' }, 'top');
    logger.info({ postgres: { connectionString: 'postgres://vault:S2-pw@db/vault' } }, 'nested');
    logger.info({ databaseUrl: 'postgres://vault:S3-pw@db/vault' }, 'url');
    const out = text();
    for (let i = 1; i <= 3; i++) expect(out).not.toContain(`S${i}-pw`);
    expect(out).toContain('"msg":"nested"');
  });

  it('keeps error codes readable', () => {
    const { logger, text } = capture();
    logger.info({ code: 'ERR_CSRF', detail: 'origin https://evil.example' }, 'request refused');
    expect(text()).toContain('"code":"ERR_CSRF"');
  });
});
