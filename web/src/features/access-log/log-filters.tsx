import { useId, useMemo } from 'react';
import { useT } from '../../lib/i18n';
import { categoryMessageKey, isCategory } from '../../lib/vault/categories';
import { ACTOR_KINDS, type ActorKind } from './access-event';
import { actionLabel } from './describe-event';
import { isFiltering, NO_FILTER, type LogFilter, type LogItem } from './log-items';

/**
 * Filters of the timeline: who acted, what they did, on which document, and a date range. The
 * choices are those present in the resident's log; filtering happens in the browser, over the
 * entries that were just checked.
 */
export function LogFilters({
  items,
  names,
  filter,
  onChange,
}: {
  items: readonly LogItem[];
  names: ReadonlyMap<string, string>;
  filter: LogFilter;
  onChange: (filter: LogFilter) => void;
}) {
  const t = useT();
  const ids = {
    actor: useId(),
    action: useId(),
    document: useId(),
    from: useId(),
    to: useId(),
  };
  const actions = useMemo(
    () => [...new Set(items.flatMap((i) => (i.event ? [i.event.action] : [])))].sort(),
    [items],
  );
  const documents = useMemo(() => {
    const seen = new Map<string, string>();
    for (const { event } of items) {
      const doc = event?.document;
      if (!doc || seen.has(doc.id)) continue;
      const name = names.get(doc.id);
      const category =
        doc.category !== null && isCategory(doc.category)
          ? t(categoryMessageKey(doc.category))
          : '';
      seen.set(doc.id, name ?? `${category} · ${doc.id.slice(0, 8)}`);
    }
    return [...seen.entries()].sort((a, b) => a[1].localeCompare(b[1]));
  }, [items, names, t]);
  const set = (patch: Partial<LogFilter>) => onChange({ ...filter, ...patch });

  return (
    <div className="filters" role="search">
      <div className="field">
        <label htmlFor={ids.actor}>{t('accessLog.filterWho')}</label>
        <select
          id={ids.actor}
          data-testid="log-filter-actor"
          value={filter.actor}
          onChange={(e) => {
            const value = e.target.value;
            set({
              actor: (ACTOR_KINDS as readonly string[]).includes(value) ? (value as ActorKind) : '',
            });
          }}
        >
          <option value="">{t('accessLog.filterWhoAll')}</option>
          {ACTOR_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {t(`accessLog.who.${kind}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={ids.action}>{t('accessLog.filterAction')}</label>
        <select
          id={ids.action}
          data-testid="log-filter-action"
          value={filter.action}
          onChange={(e) => set({ action: e.target.value })}
        >
          <option value="">{t('accessLog.filterActionAll')}</option>
          {actions.map((action) => (
            <option key={action} value={action}>
              {actionLabel(t, action)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={ids.document}>{t('accessLog.filterDocument')}</label>
        <select
          id={ids.document}
          data-testid="log-filter-document"
          value={filter.document}
          onChange={(e) => set({ document: e.target.value })}
        >
          <option value="">{t('accessLog.filterDocumentAll')}</option>
          {documents.map(([id, label]) => (
            <option key={id} value={id} translate="no">
              {label}
            </option>
          ))}
        </select>
      </div>
      <div className="field field-date">
        <label htmlFor={ids.from}>{t('accessLog.filterFrom')}</label>
        <input
          id={ids.from}
          type="date"
          data-testid="log-filter-from"
          value={filter.from}
          max={filter.to || undefined}
          onChange={(e) => set({ from: e.target.value })}
        />
      </div>
      <div className="field field-date">
        <label htmlFor={ids.to}>{t('accessLog.filterTo')}</label>
        <input
          id={ids.to}
          type="date"
          data-testid="log-filter-to"
          value={filter.to}
          min={filter.from || undefined}
          onChange={(e) => set({ to: e.target.value })}
        />
      </div>
      {isFiltering(filter) && (
        <div className="field filters-clear">
          <button
            type="button"
            className="button"
            data-testid="log-filter-clear"
            onClick={() => onChange(NO_FILTER)}
          >
            {t('accessLog.clearFilters')}
          </button>
        </div>
      )}
    </div>
  );
}
