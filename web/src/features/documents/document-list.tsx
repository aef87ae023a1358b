import { useId, useMemo, useState } from 'react';
import type { DocumentCategory } from '../../lib/api-types';
import { useT } from '../../lib/i18n';
import { CATEGORIES, categoryMessageKey, isCategory } from '../../lib/vault/categories';
import type { DocumentSummary } from '../../lib/vault/protocol';
import { DocumentItem } from './document-item';
import type { Status } from './status';

/** Lower-case, accents removed: "Pagella Società" is found by "societa". */
function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * The list with search by name (in the browser: the server cannot read names) and a category
 * filter. The number of documents shown is announced politely.
 */
export function DocumentList({
  documents,
  onStatus,
  onDeleted,
}: {
  documents: DocumentSummary[];
  onStatus: (status: Status) => void;
  onDeleted: (name: string) => void;
}) {
  const t = useT();
  const searchId = useId();
  const filterId = useId();
  const [search, setSearch] = useState('');
  const [category, setCategory] = useState<DocumentCategory | ''>('');

  const shown = useMemo(() => {
    const needle = fold(search.trim());
    return documents.filter(
      (d) =>
        (category === '' || d.category === category) &&
        (needle === '' ||
          fold(d.details?.name ?? '').includes(needle) ||
          fold(d.details?.title ?? '').includes(needle)),
    );
  }, [documents, search, category]);

  const filtering = search.trim() !== '' || category !== '';
  return (
    <>
      <div className="filters" role="search">
        <div className="field">
          <label htmlFor={searchId}>{t('documents.searchLabel')}</label>
          <input
            id={searchId}
            type="search"
            data-testid="search-input"
            autoComplete="off"
            value={search}
            onChange={(event) => setSearch(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={filterId}>{t('documents.filterLabel')}</label>
          <select
            id={filterId}
            data-testid="category-filter"
            value={category}
            onChange={(event) => {
              const value = event.target.value;
              setCategory(isCategory(value) ? value : '');
            }}
          >
            <option value="">{t('documents.allCategories')}</option>
            {CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {t(categoryMessageKey(c))}
              </option>
            ))}
          </select>
        </div>
      </div>
      <p role="status" className="hint" data-testid="documents-count">
        {filtering
          ? t('documents.shownOf', { shown: shown.length, total: documents.length })
          : documents.length === 1
            ? t('documents.countOne')
            : t('documents.countMany', { count: documents.length })}
      </p>
      {shown.length === 0 ? (
        <p>{documents.length === 0 ? t('documents.empty') : t('documents.noMatch')}</p>
      ) : (
        <ul className="item-list">
          {shown.map((document) => (
            <DocumentItem
              key={document.id}
              document={document}
              onStatus={onStatus}
              onDeleted={onDeleted}
            />
          ))}
        </ul>
      )}
    </>
  );
}
