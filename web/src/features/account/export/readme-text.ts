import { formatDateTime } from '../../../lib/format';
import type { Lang, Translate } from '../../../lib/translate';
import { ARCHIVE_PATHS, type ReadmeWriter } from './build-export';

/**
 * README.txt of the export archive, in the resident's language: what each part is and how to
 * check the access log. Plain text with Windows line ends, so that every editor shows it right.
 */
export function createReadmeWriter(t: Translate, lang: Lang): ReadmeWriter {
  return (facts) => {
    const paragraphs = [
      t('exportAll.readme.title'),
      t('exportAll.readme.madeOn', {
        date: formatDateTime(facts.exportedAt.toISOString(), lang),
        vault: facts.vault,
      }),
      t('exportAll.readme.counts', {
        versions: facts.versions,
        documents: facts.documents,
        consents: facts.consents,
        entries: facts.logEntries,
      }),
      `${ARCHIVE_PATHS.DOCUMENTS}\n  ${t('exportAll.readme.documents')}`,
      `${ARCHIVE_PATHS.OLDER_VERSIONS}\n  ${t('exportAll.readme.olderVersions')}`,
      `${ARCHIVE_PATHS.METADATA}\n  ${t('exportAll.readme.metadata')}`,
      `${ARCHIVE_PATHS.CONSENTS}\n  ${t('exportAll.readme.consents')}`,
      `${ARCHIVE_PATHS.ACCESS_LOG}\n  ${t('exportAll.readme.accessLog')}\n\n  npm run verify-log -- <${t('exportAll.readme.thisArchive')}> --key "<${t('exportAll.readme.publishedKey')}>"`,
    ];
    if (facts.unreadable.length > 0) {
      const lines = facts.unreadable.map(
        (u) =>
          `  - ${u.name ?? t('exportAll.unnamed')} (${t('exportAll.readme.version', { version: u.version })}, ${formatDateTime(u.createdAt, lang)})`,
      );
      paragraphs.push(
        `${t('exportAll.readme.unreadable', { count: facts.unreadable.length })}\n${lines.join('\n')}`,
      );
    }
    paragraphs.push(t('exportAll.readme.keepSafe'));
    return `${paragraphs.join('\n\n')}\n`.replace(/\n/g, '\r\n');
  };
}
